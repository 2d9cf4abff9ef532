"""Administration: the data source's health and who may sign in. Administrators only."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from utils.i18n import fmt_number, format_time, t
from utils.store.load import source_health
from utils.web import session
from utils.web.ui import guarded, page_start, plain, require_role, source_name

require_role("admin")
ctx = page_start("auth.admin.title")
lang = ctx.lang

# --- The data source: requests, reads, the saved copy and the last error.
with guarded(lang):
    st.header(t("auth.admin.source_heading", lang))
    health = source_health()
    st.caption(t("auth.admin.source", lang, source=plain(source_name(ctx.loaded, lang))))
    requests, reads, age = st.columns(3)
    requests.metric(
        t("auth.admin.requests", lang),
        "—" if health["api_requests"] is None else fmt_number(health["api_requests"], lang),
        help=t("auth.admin.requests_help", lang),
        border=True,
    )
    reads.metric(
        t("auth.admin.reads", lang),
        fmt_number(health["refreshes"], lang),
        help=t("auth.admin.reads_help", lang),
        border=True,
    )
    saved_at = health["snapshot_saved_at"]
    hours = (datetime.now(UTC) - saved_at).total_seconds() / 3600 if saved_at else None
    age.metric(
        t("auth.admin.snapshot_age", lang),
        "—" if hours is None else t("auth.admin.hours", lang, hours=fmt_number(hours, lang, 1)),
        border=True,
    )
    if saved_at:
        st.caption(t("auth.admin.snapshot_at", lang, when=format_time(saved_at, lang)))
    else:
        st.caption(t("auth.admin.snapshot_none", lang))
    if health["last_success_at"]:
        st.caption(
            t("auth.admin.last_success", lang, when=format_time(health["last_success_at"], lang))
        )
    if health["last_error"]:
        st.warning(
            t("auth.admin.last_error", lang, when=format_time(health["last_error_at"], lang))
            + " "
            + plain(health["last_error"]),
            icon=":material/cloud_off:",
        )
    else:
        st.success(t("auth.admin.no_error", lang), icon=":material/check_circle:")

# --- Who may sign in: providers (names only), the public view and the allow-list.
with guarded(lang):
    st.header(t("auth.admin.access_heading", lang))
    policy = session.policy()
    if policy is None or not policy.auth_enabled:
        st.info(t("auth.admin.open_mode", lang), icon=":material/lock_open:")
    else:
        names = ", ".join(session.provider_name(p) for p in policy.providers) or t(
            "auth.no_provider", lang
        )
        st.markdown(t("auth.admin.providers", lang, names=names))
        st.markdown(
            t("auth.admin.public_on" if policy.public_view else "auth.admin.public_off", lang)
        )
        for number, code in policy.problems:
            st.warning(t(f"auth.admin.problem.{code}", lang, number=number), icon=":material/rule:")
        if not policy.rules:
            st.warning(t("auth.admin.empty_list", lang), icon=":material/group_off:")
        else:
            st.dataframe(
                [
                    {
                        "address": address,
                        "role": t(f"auth.role.{role}", lang)
                        if role != "none"
                        else t("auth.admin.blocked", lang),
                    }
                    for address, role in sorted(policy.rules.items())
                ],
                hide_index=True,
                column_config={
                    "address": st.column_config.TextColumn(t("auth.admin.col.address", lang)),
                    "role": st.column_config.TextColumn(t("auth.admin.col.role", lang)),
                },
                key="admin_allow_list",
            )
