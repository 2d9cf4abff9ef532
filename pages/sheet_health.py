"""Sheet health: every cell the dashboard could not use or finds suspicious, tab by tab."""

from __future__ import annotations

import streamlit as st

from utils.editors import health
from utils.i18n import t
from utils.store.guide import editors_guide
from utils.store.load import settings
from utils.store.settings import Settings
from utils.views.sections import unwrap
from utils.web import session
from utils.web.ui import guarded, page_start, refresh_button, require_role

ROW_HEIGHT = 78
"""Three lines of text per problem row (px)."""
ICONS = {
    "success": ":material/check_circle:",
    "warning": ":material/warning:",
    "error": ":material/error:",
}

require_role("editor")
ctx = page_start("health.title")
lang = ctx.lang
configured = settings()
# Links into the sheet carry its id: only for signed-in editors, or open mode by choice.
linked = isinstance(configured, Settings) and session.may_open_sheet(configured.sheet_links)
source = configured.source if isinstance(configured, Settings) and linked else None
# Built on each run, not through utils/web/cache.py: the Google source that makes the links
# (a client, a lock, credentials) cannot be hashed into a cache key; the report is cheap.
view = health.build(
    ctx.workbook,
    health.HealthFilters(),
    lang=lang,
    threshold=ctx.loaded.threshold,
    presenting=ctx.presenting,
    as_of=ctx.loaded.as_of,
    source=source,
    # Count cells are quoted as typed only to signed-in editors (docs/PRIVACY.md).
    raw_counts=session.may_see_raw_counts(),
)

with guarded(lang):
    st.markdown(t("health.intro", lang))
    left, right = st.columns([3, 1], vertical_alignment="center")
    if view.last_refresh is not None:
        left.caption(view.last_refresh)
    with right:
        refresh_button(lang, key="health_refresh")

with guarded(lang):
    notice = unwrap(view.summary)
    show = {"success": st.success, "warning": st.warning, "error": st.error}[notice.kind]
    show(notice.text, icon=ICONS[notice.kind])

with guarded(lang):
    tabs = unwrap(view.tabs)
    columns = {
        "cell": st.column_config.TextColumn(t("health.col.cell", lang), width="small"),
        "column": st.column_config.TextColumn(t("health.col.column", lang), width="small"),
        "value": st.column_config.TextColumn(t("health.col.value", lang)),
        "outcome": st.column_config.TextColumn(t("health.col.outcome", lang), width="medium"),
        "expected": st.column_config.TextColumn(t("health.col.expected", lang), width="large"),
        "link": st.column_config.LinkColumn(
            t("health.col.link", lang), display_text=t("health.open", lang), width="small"
        ),
    }
    st.header(t("health.tabs_heading", lang))
    for tab in tabs.tabs:
        st.subheader(tab.heading)
        st.caption(tab.summary)
        for table in tab.tables:  # none when presenting: the counts, not the cell lists
            st.markdown(table.heading)
            st.dataframe(
                table.rows,
                hide_index=True,
                column_config=columns,
                column_order=tabs.columns,
                key=table.key,
                # Taller than 4rem, Streamlit wraps a cell's text: "what is expected" is a
                # sentence, which a one-line row cut off after a few words.
                row_height=ROW_HEIGHT,
            )

if view.template is not None:
    with guarded(lang):
        st.header(t("health.template.heading", lang))
        st.markdown(t("health.template.help", lang))
        st.download_button(
            t("health.template.download", lang),
            data=view.template.data,
            file_name=view.template.file_name,
            mime=view.template.mime,
            key="health_template",
            icon=":material/download:",
        )
        st.caption(t("health.guide_hint", lang))

guide = editors_guide()
if guide:
    with guarded(lang), st.expander(t("health.guide.heading", lang), icon=":material/menu_book:"):
        st.markdown(guide)
