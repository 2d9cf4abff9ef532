"""The meeting pack: one PDF of the key views, in the reader's language, for rooms with no screen.

``build(workbook, earlier, filters, …)`` returns the PDF's bytes: a cover (the coalition, the
date, "as of" and source, the language, the filters used, the sample-data label) and one A4
landscape page per view (``utils.pack.content``), each chart exported as SVG by kaleido
(``utils.pack.charts``) and laid out as vector graphics by fpdf2 (``utils.pack.document``).
``workbook`` is the cut the reader's role receives, so a viewer's pack holds what the viewer
may see and the public view's pack only the public indicators. The pages build it through
``utils/web/cache.py`` (once per read, role, language and filters); ``python -m utils.pack``
writes it for a scheduled job.

Raises ``BrowserMissing`` when no Chromium or Chrome is installed (its message names what to
install) and ``ExportFailed`` when the charts cannot be exported; everything else in the app
works without either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import plotly.graph_objects as go

from utils.analysis import indicators as ind
from utils.i18n import fmt_date, format_time, t
from utils.pack import charts, content, document
from utils.pack.charts import INSTALL_HINT, BrowserMissing, ExportFailed, browser
from utils.sheet.parse import Workbook
from utils.store.boundaries import BoundarySet
from utils.views import votes as vote_views

__all__ = [
    "INSTALL_HINT",
    "BrowserMissing",
    "ExportFailed",
    "PackFilters",
    "Plan",
    "assemble",
    "browser",
    "build",
    "file_name",
    "plan",
]


@dataclass(frozen=True)
class PackFilters:
    """The choices a pack is made with (hashable: a cached pack is keyed on it)."""

    since: date | None = None
    """The earlier copy's day the change page compares with (the Strategy page's ``since``)."""


def file_name(today: date, lang: str) -> str:
    """The download's name: ``united-voices-pack-2026-12-03-ky.pdf``."""
    return f"united-voices-pack-{today.isoformat()}-{lang}.pdf"


@dataclass(frozen=True)
class Plan:
    """A pack before its charts are drawn: its pages, the figures to export, its cover."""

    pages: tuple[content.Page, ...]
    figures: tuple[go.Figure, ...]  # sized and set in the embedded font, in the pages' order
    cover: document.Cover


def build(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: PackFilters,
    *,
    lang: str,
    threshold: int,
    today: date,
    as_of: datetime | None,
    source: str,
    sample: bool = False,
    public: bool = False,
    boundaries: BoundarySet | None = None,
) -> bytes:
    """The meeting pack of this workbook as PDF bytes (see the module docstring).

    ``earlier`` is the copy "what changed" compares with (None: none is kept), ``source`` the
    source's name as the banner says it, ``public`` that the workbook is the public view's.
    """
    planned = plan(
        workbook,
        earlier,
        filters,
        lang=lang,
        threshold=threshold,
        today=today,
        as_of=as_of,
        source=source,
        sample=sample,
        public=public,
        boundaries=boundaries,
    )
    return assemble(planned, charts.export(planned.figures))


def plan(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: PackFilters,
    *,
    lang: str,
    threshold: int,
    today: date,
    as_of: datetime | None,
    source: str,
    sample: bool = False,
    public: bool = False,
    boundaries: BoundarySet | None = None,
) -> Plan:
    """The pages, figures and cover of a pack (the arguments are :func:`build`'s)."""
    pages = content.pages(
        workbook,
        earlier,
        since=filters.since,
        lang=lang,
        threshold=threshold,
        today=today,
        sample=sample,
        boundaries=boundaries,
    )
    figures = tuple(
        charts.for_print(page.figure, size=document.chart_size(page))
        for page in pages
        if page.figure is not None
    )
    about = cover(
        workbook,
        earlier,
        filters,
        lang=lang,
        today=today,
        as_of=as_of,
        source=source,
        sample=sample,
        public=public,
    )
    return Plan(pages, figures, about)


def assemble(planned: Plan, svgs: Sequence[bytes]) -> bytes:
    """The PDF of a planned pack, with its figures exported as ``svgs`` (in order)."""
    return document.render(planned.pages, svgs, planned.cover)


def cover(
    workbook: Workbook,
    earlier: Workbook | None,
    filters: PackFilters,
    *,
    lang: str,
    today: date,
    as_of: datetime | None,
    source: str,
    sample: bool,
    public: bool,
) -> document.Cover:
    """What the cover, headers and footers say: when, from where, and with which choices."""
    when = format_time(as_of, lang)
    chosen: list[str] = []
    if public:
        chosen.append(t("pack.cover.public", lang))
    if workbook.has("indicators") and workbook.has("catalog"):
        indicator = ind.default_indicator(
            ind.indicator_options(workbook["catalog"], workbook["indicators"])
        )
        if indicator is not None:
            name = ind.indicator_info(workbook["catalog"], indicator, lang).name
            chosen.append(t("pack.cover.indicator", lang, name=name))
    if workbook.has("elections") and workbook.has("votes"):
        options = vote_views.choices(workbook, lang=lang)
        if options.default is not None:
            chosen.append(t("pack.cover.election", lang, title=options.label(options.default)))
    if workbook.has("milestones") and filters.since is not None:
        chosen.append(
            t(
                "pack.cover.since_copy" if earlier is not None else "pack.cover.since_marked",
                lang,
                date=fmt_date(filters.since, lang),
            )
        )
    return document.Cover(
        lang=lang,
        prepared=t("pack.cover.prepared", lang, date=fmt_date(today, lang)),
        as_of=t("present.as_of", lang, when=when, source=source),
        footer_as_of=t("pack.footer.as_of", lang, when=when),
        sample=t("banner.sample", lang) if sample else None,
        filters=tuple(chosen),
        created=as_of or datetime.combine(today, datetime.min.time()),
    )
