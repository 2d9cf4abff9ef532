"""Sheet health: every cell the dashboard could not use or finds suspicious, tab by tab."""

from __future__ import annotations

import functools

import streamlit as st

from utils.editors import check
from utils.editors.template import build_template
from utils.i18n import format_time, t
from utils.store.load import settings
from utils.store.settings import Settings
from utils.web import session
from utils.web.ui import guarded, page_start, refresh_button, require_role

require_role("editor")
ctx = page_start("health.title")
lang = ctx.lang
workbook = ctx.workbook

with guarded(lang):
    st.markdown(t("health.intro", lang))
    left, right = st.columns([3, 1], vertical_alignment="center")
    if ctx.loaded.as_of is not None:
        left.caption(t("health.last_refresh", lang, when=format_time(ctx.loaded.as_of, lang)))
    with right:
        refresh_button(lang, key="health_refresh")

with guarded(lang):
    errors = len(workbook.errors)
    warnings = len(workbook.problems) - errors
    if not workbook.problems:
        st.success(t("health.all_clear", lang), icon=":material/check_circle:")
    elif errors:
        st.error(
            t("health.summary", lang, errors=errors, warnings=warnings), icon=":material/error:"
        )
    else:
        st.warning(
            t("health.summary", lang, errors=errors, warnings=warnings), icon=":material/warning:"
        )

with guarded(lang):
    configured = settings()
    # Links into the sheet carry its id: only for signed-in editors, or open mode by choice.
    linked = isinstance(configured, Settings) and session.may_open_sheet(configured.sheet_links)
    source = configured.source if linked else None
    # Count cells are quoted as typed only to signed-in editors (docs/PRIVACY.md).
    mask = None if session.may_see_raw_counts() else ctx.loaded.threshold
    rows = check.report_rows(workbook, lang, source, mask_below=mask)
    has_links = any(row.link for row in rows)
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
    order = ["cell", "column", "value", "outcome", "expected", *(["link"] if has_links else [])]
    st.header(t("health.tabs_heading", lang))
    for summary in check.tab_summaries(workbook):
        st.subheader(check.tab_heading(summary, lang))
        st.caption(check.summary_line(summary, lang))
        if ctx.presenting:  # one idea per screen: the counts, not the cell lists
            continue
        for severity in check.SEVERITIES:
            mine = check.as_records(
                r for r in rows if r.tab == summary.tab and r.severity == severity
            )
            if not mine:
                continue
            st.markdown(f"**{t(f'health.severity.{severity}', lang)}**")
            st.dataframe(
                mine,
                hide_index=True,
                column_config=columns,
                column_order=order,
                key=f"health_{summary.tab}_{severity}",
            )

if not ctx.presenting:
    with guarded(lang):
        st.header(t("health.template.heading", lang))
        st.markdown(t("health.template.help", lang))
        st.download_button(
            t("health.template.download", lang),
            data=functools.partial(build_template, lang),
            file_name="united-voices-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="health_template",
            icon=":material/download:",
        )
        st.caption(t("health.guide_hint", lang))
