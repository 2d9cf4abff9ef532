"""The pack's charts as vector graphics: plotly's own static export (kaleido 1.x) to SVG.

Kaleido drives a local Chromium or Chrome; it finds one as choreographer does
(``Chromium.find_browser``: ``BROWSER_PATH`` if set, else ``chromium``, ``chromium-browser``,
``google-chrome`` … on the ``PATH``, else the usual install paths such as Debian's
``/usr/bin/chromium``). :func:`browser` asks the same question first, so a server without one
says so in plain words (:class:`BrowserMissing`) instead of failing inside kaleido. Nothing is
fetched: plotly.js is the copy inside the plotly package and MathJax is switched off (kaleido's
default would load it from a CDN).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import plotly.graph_objects as go

log = logging.getLogger("united_voices.pack")

FONT_FAMILY: Final = "DejaVu Sans"
"""The one family the charts are drawn in: the PDF embeds this font and maps chart text to it."""
WIDTH: Final = 1200  # px: an A4 landscape page's width of chart at print size
HEIGHT: Final = 560
TIMEOUT: Final = 60.0  # seconds for one figure; a stuck browser must not hold a worker forever
INSTALL_HINT: Final = "apt-get install chromium"

# fpdf2 reads SVG lengths as numbers; plotly writes dash patterns with units ("9px, 9px").
_DASHES = re.compile(r"(stroke-dasharray:\s*)([^;\"]+)")
# fpdf2 finds a <clipPath> only as a direct child of <defs>; plotly groups them in <g class="clips">.
_CLIPS = re.compile(r'<g class="clips">((?:<clipPath\b.*?</clipPath>)*)</g>', re.DOTALL)


class BrowserMissing(RuntimeError):
    """No Chromium or Chrome was found, so the pack's charts cannot be drawn."""


class ExportFailed(RuntimeError):
    """The browser was found but a chart could not be exported (logged on the server)."""


def browser() -> str | None:
    """The browser kaleido will use, found as kaleido finds it; None when there is none."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)
    return path if path and os.access(path, os.X_OK) else None


def for_print(figure: go.Figure, *, size: tuple[int, int] = (WIDTH, HEIGHT)) -> go.Figure:
    """A copy of a screen figure sized for the page (pixels), its text in the embedded font."""
    width, height = size
    printed = go.Figure(figure)
    printed.update_layout(width=width, height=height, font_family=FONT_FAMILY)
    printed.update_layout(title_font_family=FONT_FAMILY, legend_font_family=FONT_FAMILY)
    printed.update_annotations(font_family=FONT_FAMILY)
    return printed


def clean_svg(svg: bytes) -> bytes:
    """Plotly's SVG in the subset fpdf2 reads: dash lengths without units, clip paths where
    fpdf2 looks for them."""
    text = svg.decode("utf-8")
    text = _DASHES.sub(lambda m: m.group(1) + m.group(2).replace("px", ""), text)
    text = _CLIPS.sub(r"\1", text)
    return text.encode("utf-8")


def export(figures: Sequence[go.Figure], *, path: str | None = None) -> list[bytes]:
    """Each figure as SVG (in order), from one browser started for all of them.

    Raises :class:`BrowserMissing` when no browser is found, :class:`ExportFailed` when the
    browser fails; the cause is logged, never shown.
    """
    if not figures:
        return []
    found = path or browser()
    if found is None:
        raise BrowserMissing(f"no Chromium or Chrome found; install one ({INSTALL_HINT})")
    try:
        return _run(_export(list(figures), found))
    except Exception as err:
        log.exception("chart export failed")
        raise ExportFailed("the charts could not be exported") from err


def _run(work: Coroutine[object, object, list[bytes]]) -> list[bytes]:
    """``asyncio.run(work)``, in a thread of its own when this thread already runs an event
    loop (asyncio.run refuses to nest: a caller inside async code, or a thread where another
    library, such as a test's Playwright, left its loop running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="uv-pack-export") as pool:
        return pool.submit(asyncio.run, work).result()


async def _export(figures: list[go.Figure], path: str) -> list[bytes]:
    """Export with one kaleido browser and one tab, figure after figure."""
    import kaleido

    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=path) as k:
        return [
            clean_svg(
                await k.calc_fig(
                    figure,
                    opts={
                        "format": "svg",
                        "width": figure.layout.width or WIDTH,
                        "height": figure.layout.height or HEIGHT,
                    },
                )
            )
            for figure in figures
        ]
