"""The meeting pack laid out as a PDF: a cover, then one A4 landscape page per view.

fpdf2 writes the PDF (pure Python; it embeds a subset of each TrueType font it uses and draws an
SVG as PDF vector paths, its text in those same embedded fonts). The font is DejaVu Sans, which
covers Cyrillic with the Kyrgyz letters Ң Ө Ү; its files come with the matplotlib package
(``mpl-data/fonts/ttf``), found without importing matplotlib. Every page carries its number and
"data as of" in the footer, and the sample-data label in the header when the data are the sample.

Pure: no Streamlit; fpdf2 reads the font files itself and the PDF is returned as bytes.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from utils.i18n import LANGUAGE_NAMES, t
from utils.pack.charts import FONT_FAMILY, HEIGHT, WIDTH
from utils.pack.content import Page

FONT: Final = FONT_FAMILY
FONT_FILES: Final = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
MARGIN: Final = 15.0  # mm
FOOTER: Final = 12.0  # mm from the bottom edge to the footer line
INK: Final = (33, 37, 41)
GREY: Final = (100, 106, 112)
RULE: Final = (200, 204, 208)
MIN_CHART: Final = 60.0  # mm: a chart squeezed below this goes to the next page
SIDE_BY_SIDE: Final = 4  # an answer of more lines than this stands beside its chart
WORDS_SHARE: Final = 0.42  # of the text width, for the answer standing beside a chart
SIDE_WIDTH: Final = 800  # px: a chart beside a long answer
SIDE_HEIGHT: Final = 640
SIDE_TYPE: Final = 10.0  # pt, the answer beside a chart
SIDE_LINE: Final = 5.0  # mm

# fpdf2 logs every SVG element it does not draw (plotly's clip paths, which only trim lines at
# the plot's edge); that is not news for the server log.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


def chart_size(page: Page) -> tuple[int, int]:
    """The pixel size a page's chart is exported at: wide under a short answer, squarer beside
    a long one (``SIDE_BY_SIDE``)."""
    return (SIDE_WIDTH, SIDE_HEIGHT) if len(page.lines) > SIDE_BY_SIDE else (WIDTH, HEIGHT)


class FontMissing(RuntimeError):
    """The embedded font's files are not installed (matplotlib is in requirements.txt)."""


def font_dir() -> Path:
    """Where the DejaVu Sans files of the matplotlib package are."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing("matplotlib, which ships the DejaVu Sans font, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


@dataclass(frozen=True)
class Cover:
    """What the cover and every page's header and footer say about the pack as a whole."""

    lang: str
    prepared: str  # the date, in words
    as_of: str  # "data as of … · source: …", Bishkek time
    footer_as_of: str  # the short "as of" every footer repeats
    sample: str | None  # the sample-data label, when it applies
    filters: tuple[str, ...]  # the choices the pages were made with, in words
    created: datetime  # written into the PDF's metadata (the read's time: same read, same file)


class _Pdf(FPDF):
    """fpdf2's document with the pack's header (sample label) and footer (page, as of)."""

    def __init__(self, cover: Cover) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.cover = cover

    def header(self) -> None:
        """The sample-data label across the top of every page, when the data are the sample."""
        if self.cover.sample:
            self.set_xy(MARGIN, 6)
            self.set_font(FONT, "I", 8)
            self.set_text_color(*GREY)
            self.cell(self.w - 2 * MARGIN, 4, self.cover.sample, align="R")
            self.set_text_color(*INK)
        self.set_xy(MARGIN, MARGIN)

    def footer(self) -> None:
        """Page n of N and the time the data were read, on every page."""
        self.set_y(-FOOTER)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() - 1.5, self.w - MARGIN, self.get_y() - 1.5)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        page = t("pack.footer.page", self.cover.lang, n=self.page_no(), total="{nb}")
        width = self.w - 2 * MARGIN
        self.set_x(MARGIN)
        self.cell(width, 4, self.cover.footer_as_of)
        self.set_x(MARGIN)
        self.cell(width, 4, page, align="R")
        self.set_text_color(*INK)


def render(pages: Sequence[Page], charts: Sequence[bytes], cover: Cover) -> bytes:
    """The PDF: the cover, then each page with its chart (``charts`` in the pages' order of
    figures, SVG)."""
    fonts = font_dir()
    pdf = _Pdf(cover)
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(fonts / name))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=FOOTER + 5)
    pdf.set_lang(cover.lang)
    pdf.set_title(t("pack.cover.title", cover.lang))
    pdf.set_author(t("pack.cover.coalition", cover.lang))
    pdf.set_creator("United Voices")
    created = cover.created if cover.created.tzinfo else cover.created.replace(tzinfo=UTC)
    pdf.set_creation_date(created)
    _cover(pdf, cover, pages)
    svgs = iter(charts)
    for page in pages:
        _page(pdf, page, next(svgs) if page.figure is not None else None)
    return bytes(pdf.output())


def _cover(pdf: _Pdf, cover: Cover, pages: Sequence[Page]) -> None:
    """The coalition, the date, as of and source, the language, the filters and the contents."""
    lang = cover.lang
    pdf.add_page()
    pdf.set_y(40)
    pdf.set_font(FONT, "B", 28)
    pdf.multi_cell(0, 12, t("pack.cover.title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 15)
    pdf.multi_cell(0, 8, t("pack.cover.coalition", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "", 11)
    language = t("pack.cover.language", lang, language=LANGUAGE_NAMES[lang])
    for line in (cover.prepared, cover.as_of, language):
        pdf.multi_cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if cover.sample:
        pdf.ln(2)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, cover.sample, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if cover.filters:
        pdf.ln(4)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, t("pack.cover.filters", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 11)
        for line in cover.filters:
            _item(pdf, "• " + line, 6)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 6, t("pack.cover.contents", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 11)
    for number, page in enumerate(pages, start=1):
        _item(pdf, f"{number}. {page.title}", 6)


def _item(pdf: _Pdf, line: str, height: float) -> None:
    """One line of text; a "• " list item hangs its wrapped lines under its first word."""
    if line.startswith("• "):
        pdf.cell(5, height, "•")
        pdf.multi_cell(0, height, line[2:], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        pdf.multi_cell(0, height, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _metrics(pdf: _Pdf, metrics: Sequence[tuple[str, str]]) -> None:
    """The big numbers in a row of boxes, as the screen's metric cards."""
    gap, height = 4.0, 20.0
    count = min(len(metrics), 4)
    width = (pdf.w - 2 * MARGIN - gap * (count - 1)) / count
    top = pdf.get_y()
    pdf.set_draw_color(*RULE)
    for index, (label, value) in enumerate(metrics[:count]):
        left = MARGIN + index * (width + gap)
        pdf.rect(left, top, width, height)
        pdf.set_xy(left + 3, top + 2.5)
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(*GREY)
        pdf.cell(width - 6, 4, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_x(left + 3)
        pdf.set_font(FONT, "B", 16)
        pdf.set_text_color(*INK)
        pdf.cell(width - 6, 9, value)
    pdf.set_xy(MARGIN, top + height + 4)


def _notes_height(pdf: _Pdf, notes: Sequence[str]) -> float:
    """How tall the notes under the chart will be, in mm."""
    pdf.set_font(FONT, "", 9)
    lines = sum(len(pdf.multi_cell(0, 4.5, note, dry_run=True, output="LINES")) for note in notes)
    return lines * 4.5 + (2 if notes else 0)


def _page(pdf: _Pdf, page: Page, svg: bytes | None) -> None:
    """One view: title, its numbers, the answer in words, its chart and the notes under it.

    A long answer (a list of late milestones, the hours of a count) stands beside the chart,
    as on the slideshow's screen; one too long even for that runs across the page, and the
    chart follows on a page of its own under the same title.
    """
    _title(pdf, page.title)
    if page.metrics:
        _metrics(pdf, page.metrics)
    size = chart_size(page)
    if svg is not None and size == (SIDE_WIDTH, SIDE_HEIGHT):
        words = (pdf.w - 2 * MARGIN) * WORDS_SHARE
        bottom = pdf.h - FOOTER - 5 - _notes_height(pdf, page.notes)
        if pdf.get_y() + _words_height(pdf, page.lines, words) <= bottom:
            _beside(pdf, page, svg, words)
            _notes(pdf, page.notes)
            return
        _words(pdf, page.lines)
        _title(pdf, page.title)
        _chart(pdf, svg, size, page.notes)
        _notes(pdf, page.notes)
        return
    _words(pdf, page.lines)
    if svg is not None:
        _chart(pdf, svg, size, page.notes)
    _notes(pdf, page.notes)


def _title(pdf: _Pdf, title: str) -> None:
    """A new page with the view's title."""
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 8, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _words(pdf: _Pdf, lines: Sequence[str], *, size: float = 11, height: float = 5.5) -> None:
    """The answer, line by line, across the width between the margins."""
    pdf.set_font(FONT, "", size)
    for line in lines:
        _item(pdf, line, height)


def _words_height(pdf: _Pdf, lines: Sequence[str], width: float) -> float:
    """How tall the answer is in a column ``width`` mm wide, at the side-by-side type size."""
    pdf.set_font(FONT, "", SIDE_TYPE)
    count = 0
    for line in lines:
        text, indent = (line[2:], 5) if line.startswith("• ") else (line, 0)
        count += len(pdf.multi_cell(width - indent, SIDE_LINE, text, dry_run=True, output="LINES"))
    return count * SIDE_LINE


def _beside(pdf: _Pdf, page: Page, svg: bytes, words: float) -> None:
    """The answer in the left column, the chart in the right, the notes under both."""
    top, gap = pdf.get_y(), 6.0
    pdf.set_right_margin(pdf.w - MARGIN - words)
    _words(pdf, page.lines, size=SIDE_TYPE, height=SIDE_LINE)
    below_words = pdf.get_y()
    pdf.set_right_margin(MARGIN)
    left = MARGIN + words + gap
    width = pdf.w - MARGIN - left
    bottom = pdf.h - FOOTER - 5 - _notes_height(pdf, page.notes)
    height = min(width * SIDE_HEIGHT / SIDE_WIDTH, bottom - top)
    width = height * SIDE_WIDTH / SIDE_HEIGHT
    pdf.image(io.BytesIO(svg), x=left, y=top, w=width, h=height)
    pdf.set_xy(MARGIN, max(below_words, top + height) + 2)


def _chart(pdf: _Pdf, svg: bytes, size: tuple[int, int], notes: Sequence[str]) -> None:
    """The chart as vector graphics, as large as the space left allows, keeping its shape."""
    ratio = size[0] / size[1]
    bottom = pdf.h - FOOTER - 5 - _notes_height(pdf, notes)
    pdf.ln(3)
    if bottom - pdf.get_y() < MIN_CHART:
        pdf.add_page()
    space = bottom - pdf.get_y()
    width = min(pdf.w - 2 * MARGIN, space * ratio)
    left = (pdf.w - width) / 2
    pdf.image(io.BytesIO(svg), x=left, y=pdf.get_y(), w=width, h=width / ratio)
    pdf.set_y(pdf.get_y() + width / ratio + 2)


def _notes(pdf: _Pdf, notes: Sequence[str]) -> None:
    """The caption and target source, small and grey."""
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    for note in notes:
        pdf.multi_cell(0, 4.5, note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
