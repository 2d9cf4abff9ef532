"""Administration: the data source's health and who may sign in. Administrators only."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from utils.i18n import t
from utils.store.load import source_health
from utils.views import admin
from utils.views.sections import unwrap
from utils.web import session
from utils.web.ui import guarded, page_start, require_role, source_name

require_role("admin")
ctx = page_start("auth.admin.title")
lang = ctx.lang


def sign_in() -> admin.SignIn | None:
    """The allow-list and providers from the secrets as plain values; None in open mode."""
    policy = session.policy()
    if policy is None or not policy.auth_enabled:
        return None
    return admin.SignIn(
        providers=tuple(session.provider_name(p) for p in policy.providers),
        public_view=policy.public_view,
        problems=tuple(policy.problems),
        rules=tuple(policy.rules.items()),
    )


# Server state, read afresh on every run (not cached: the counters move between reads).
view = admin.build(
    source_health(),
    sign_in(),
    lang=lang,
    source=source_name(ctx.loaded, lang),
    now=datetime.now(UTC),
)

# --- The data source: requests, reads, the saved copy and the last error.
with guarded(lang):
    st.header(t("auth.admin.source_heading", lang))
    source = unwrap(view.source)
    st.caption(source.source)
    for column, metric in zip(st.columns(len(source.metrics)), source.metrics, strict=True):
        column.metric(metric.label, metric.value, help=metric.help, border=True)
    for caption in source.captions:
        st.caption(caption)
    if source.error is not None:
        st.warning(source.error, icon=":material/cloud_off:")
    else:
        st.success(source.no_error, icon=":material/check_circle:")

# --- Who may sign in: providers (names only), the public view and the allow-list.
with guarded(lang):
    st.header(t("auth.admin.access_heading", lang))
    access = unwrap(view.access)
    if access.open_mode is not None:
        st.info(access.open_mode, icon=":material/lock_open:")
    else:
        st.markdown(access.providers)
        st.markdown(access.public)
        for problem in access.problems:
            st.warning(problem, icon=":material/rule:")
        if access.empty_list is not None:
            st.warning(access.empty_list, icon=":material/group_off:")
        if access.allow_list is not None:
            st.dataframe(
                access.allow_list,
                hide_index=True,
                column_config={
                    "address": st.column_config.TextColumn(t("auth.admin.col.address", lang)),
                    "role": st.column_config.TextColumn(t("auth.admin.col.role", lang)),
                },
                key="admin_allow_list",
            )
