"""The "Meeting pack (PDF)" download of the Overview and the slideshow.

The pack (``utils.pack``) is built on the server from the viewer's own cut of the workbook, in
the page's language, and kept through ``utils/web/cache.py`` once per read, role, language and
filters (the earlier copy "what changed" compares with): a room of people clicking it costs one build, and everyone gets the same file. The
download is deferred: nothing is built until someone clicks, and the button shows a spinner
while the first build runs (about 20 seconds; later clicks get the kept file at once). Without
a browser to draw the charts the page says what to install instead, and everything else works.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from utils import pack
from utils.analysis.milestones import today_in_bishkek
from utils.i18n import t
from utils.sheet.parse import Workbook
from utils.store import load
from utils.views import strategy as strategy_views
from utils.web import cache
from utils.web.ui import PageContext, source_name


def _earlier(ctx: PageContext, today: date) -> tuple[date | None, Workbook | None]:
    """The day and copy "what changed" compares with, as the Strategy page first offers them."""
    if not ctx.workbook.has("milestones"):
        return None, None
    options = strategy_views.choices(
        ctx.workbook, load.snapshot_history(), today=today, sample=ctx.loaded.is_sample
    )
    if not options.since:
        return options.pick_default, None
    day = options.since[0]
    return date.fromisoformat(day), load.snapshot_workbook(options.saved_at(day), ("milestones",))


def pack_bytes(ctx: PageContext, today: date) -> bytes:
    """The pack of this page's reader, built once per read, role, language and filters."""
    since, earlier = _earlier(ctx, today)
    return cache.view(
        pack.build,
        ctx.workbook,
        ctx.role,
        earlier,
        pack.PackFilters(since=since),
        lang=ctx.lang,
        threshold=ctx.loaded.threshold,
        today=today,
        as_of=ctx.loaded.as_of,
        source=source_name(ctx.loaded, ctx.lang),
        sample=ctx.loaded.is_sample,
        public=ctx.role == "public",
        boundaries=load.boundaries(),
    )


def offer(ctx: PageContext, *, key: str, container: DeltaGenerator | None = None) -> None:
    """The download button (or, without a browser on the server, what to install); nothing in
    presenter mode, where no page offers a download on the shared screen."""
    if ctx.presenting:
        return
    place = container or st.container()
    lang = ctx.lang
    if pack.browser() is None:
        place.caption(
            ":material/picture_as_pdf: " + t("pack.no_browser", lang, command=pack.INSTALL_HINT)
        )
        return
    today = today_in_bishkek()
    place.download_button(
        t("pack.button", lang),
        data=lambda: pack_bytes(ctx, today),  # run on the click, in a thread of its own
        file_name=pack.file_name(today, lang),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help=t("pack.button_help", lang),
        key=key,
        on_click="ignore",
    )
