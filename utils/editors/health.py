"""The Sheet health page's view-model: what an editor reads about the workbook, worded.

It lives beside ``check.py``, not in ``utils/views/``, because it is made of the editors' report
(``report_rows``, ``tab_summaries``), which sits one layer above the views; the page and the
command line so still share every sentence. Pure: no Streamlit.

What depends on the viewer is passed in as plain values by the page: the source, only when this
viewer may be given links into the sheet, and whether they may read count cells as typed
(``docs/PRIVACY.md``: anyone else reads a count of people below the threshold as "<k").
The page builds it on each run rather than through ``utils/web/cache.py``: the Google source
that makes the links cannot be hashed into a cache key, and the report is cheap.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

import pandas as pd

from utils.editors import check
from utils.editors.template import build_template
from utils.i18n import format_time, t
from utils.render.text import for_markdown
from utils.sheet.parse import Workbook
from utils.views.sections import Broken, attempt

COLUMNS: Final = ("cell", "column", "value", "outcome", "expected")
"""A problem table's columns, in order; "link" follows when any problem has one."""

TEMPLATE_NAME: Final = "united-voices-template.xlsx"
TEMPLATE_MIME: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class HealthFilters:
    """What the Sheet health page's widgets chose: nothing (it has only the refresh button)."""


@dataclass(frozen=True)
class Notice:
    """One coloured line: ``kind`` is "success", "warning" or "error"."""

    kind: str
    text: str


@dataclass(frozen=True)
class ProblemTable:
    """The problems of one severity in one tab."""

    heading: str  # Markdown, "**Errors: these values were not used**"
    rows: pd.DataFrame  # COLUMNS and "link"; plain text, shown as a table (never markup)
    key: str  # the widget key, stable across reruns


@dataclass(frozen=True)
class TabReport:
    """One contract tab: its heading, its counts and (not when presenting) its problems."""

    heading: str
    summary: str
    tables: tuple[ProblemTable, ...] = ()


@dataclass(frozen=True)
class TabsSection:
    """Every contract tab in order, and which columns the problem tables show."""

    columns: tuple[str, ...]
    tabs: tuple[TabReport, ...]


@dataclass(frozen=True)
class Template:
    """The template workbook to download; ``data`` builds it only when it is asked for."""

    data: Callable[[], bytes]
    file_name: str = TEMPLATE_NAME
    mime: str = TEMPLATE_MIME


@dataclass(frozen=True)
class HealthView:
    """Everything the Sheet health page shows, section by section."""

    last_refresh: str | None  # "Last refresh: …"; None before the first read
    summary: Notice | Broken
    tabs: TabsSection | Broken
    template: Template | None  # None when presenting (one idea per screen)


def build(
    workbook: Workbook,
    filters: HealthFilters,
    *,
    lang: str,
    threshold: int,
    presenting: bool,
    as_of: datetime | None,
    source: object = None,
    raw_counts: bool = False,
) -> HealthView:
    """The health report of ``workbook`` for one viewer.

    ``source`` is given only when this viewer may open the sheet (its cells become links);
    ``raw_counts`` only for signed-in editors, who may read count cells as typed; for anyone
    else a count of people below ``threshold`` reads "<k".
    """
    mask = None if raw_counts else threshold
    workbook = check.with_loop_checks(workbook)  # the monitoring tabs' checks across them
    return HealthView(
        last_refresh=t("health.last_refresh", lang, when=format_time(as_of, lang))
        if as_of is not None
        else None,
        summary=attempt("summary", lambda: summary_notice(workbook, lang)),
        tabs=attempt(
            "tabs", lambda: tabs_section(workbook, lang, source, mask, presenting=presenting)
        ),
        template=None if presenting else Template(functools.partial(build_template, lang)),
    )


def summary_notice(workbook: Workbook, lang: str) -> Notice:
    """All clear, or how many errors and warnings (an error when any value was not used)."""
    errors = len(workbook.errors)
    warnings = len(workbook.problems) - errors
    if not workbook.problems:
        return Notice("success", t("health.all_clear", lang))
    text = check.summary_text(errors, warnings, lang)
    return Notice("error" if errors else "warning", text)


def tab_heading(summary: check.TabSummary, lang: str) -> str:
    """A tab's heading for Markdown: its contract name, and its title in the sheet (sheet
    text, so escaped) when that differs."""
    if summary.title is None or summary.title == summary.tab:
        return check.tab_heading(summary, lang)
    return check.tab_heading(replace(summary, title=for_markdown(summary.title)), lang)


def tabs_section(
    workbook: Workbook,
    lang: str,
    source: object,
    mask_below: int | None,
    *,
    presenting: bool,
) -> TabsSection:
    """Each contract tab's counts and, unless presenting, its problems by severity."""
    rows = check.report_rows(workbook, lang, source, mask_below=mask_below)
    has_links = any(row.link for row in rows)
    tabs = []
    for summary in check.tab_summaries(workbook):
        tables = []
        for severity in () if presenting else check.SEVERITIES:
            mine = check.as_records(
                r for r in rows if r.tab == summary.tab and r.severity == severity
            )
            if mine:
                tables.append(
                    ProblemTable(
                        heading=f"**{t(f'health.severity.{severity}', lang)}**",
                        rows=pd.DataFrame(mine),
                        key=f"health_{summary.tab}_{severity}",
                    )
                )
        tabs.append(
            TabReport(
                heading=tab_heading(summary, lang),
                summary=check.summary_line(summary, lang),
                tables=tuple(tables),
            )
        )
    return TabsSection(columns=(*COLUMNS, *(("link",) if has_links else ())), tabs=tuple(tabs))
