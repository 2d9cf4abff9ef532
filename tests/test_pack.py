"""The meeting pack (utils/pack): the PDF a leader takes into a room with no screen.

The packs are built once for the module (kaleido starts a browser, which is slow): the viewer's
pack in Russian, Kyrgyz and English and the public view's in Russian, their charts exported in
one browser session. Each test reads them as a person would, through pypdf's extracted text:
the pages in order with their titles and answers, page numbers and "as of" on every page, the
sample label, embedded fonts, vector charts, no small count and no spreadsheet id. Hostile sheet
text is checked on pages without charts (no browser needed), and a missing browser through the
command line and the Overview page.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from data.make_sample import TODAY
from tests.apptest import run_page
from tests.test_no_small_numbers import small_counts_in_text
from utils import pack
from utils.i18n import format_time, t
from utils.pack import charts, content
from utils.pack.__main__ import EXIT_NO_BROWSER, main
from utils.sheet.parse import Workbook
from utils.store.boundaries import load_default_boundaries
from utils.store.load import parse_snapshot, sample_history
from utils.views import strategy as strategy_views
from utils.web.auth import workbook_for

AS_OF = datetime(2026, 11, 27, 4, 30, tzinfo=UTC)  # 10:30 in Bishkek
THRESHOLD = 10
SHEET_ID = re.compile(r"[A-Za-z0-9_-]{30,}")  # a Google spreadsheet id is 44 such characters


@dataclass(frozen=True)
class Built:
    """One pack: what it was planned from, its bytes, and the text of each PDF page."""

    plan: pack.Plan
    svgs: tuple[bytes, ...]  # its charts as exported
    pdf: bytes
    texts: tuple[str, ...]


def _squeeze(text: str) -> str:
    """Text without any whitespace: line wrapping and extraction spacing do not matter."""
    return re.sub(r"\s+", "", text)


def _earlier(workbook: Workbook) -> tuple[pack.PackFilters, Workbook | None]:
    """The copy "what changed" compares with, as the Strategy page first offers it."""
    history = sample_history()
    options = strategy_views.choices(workbook, history, today=TODAY, sample=True)
    day = options.since[0]
    copy = parse_snapshot(history, options.saved_at(day), ("milestones",))
    return pack.PackFilters(since=datetime.fromisoformat(day).date()), copy


@pytest.fixture(scope="module")
def packs(sample_workbook: Workbook) -> dict[str, Built]:
    """The viewer's pack in ru, ky, en and the public view's in ru, built once."""
    if pack.browser() is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs chromium (.ci/run): the pack's charts need it")
        pytest.skip("no Chromium here (apt-get install chromium)")
    filters, earlier = _earlier(sample_workbook)
    public = workbook_for("public", sample_workbook)
    variants = {
        **{lang: (sample_workbook, lang, False) for lang in ("ru", "ky", "en")},
        "public": (public, "ru", True),
    }
    plans = {
        name: pack.plan(
            workbook,
            earlier if not is_public else None,
            filters,
            lang=lang,
            threshold=THRESHOLD,
            today=TODAY,
            as_of=AS_OF,
            source=t("banner.sample_source", lang),
            sample=True,
            public=is_public,
            boundaries=load_default_boundaries(),
        )
        for name, (workbook, lang, is_public) in variants.items()
    }
    svgs = iter(charts.export([f for p in plans.values() for f in p.figures]))
    built = {}
    for name, planned in plans.items():
        drawn = tuple(next(svgs) for _ in planned.figures)
        pdf = pack.assemble(planned, drawn)
        reader = PdfReader(io.BytesIO(pdf))
        texts = tuple(page.extract_text() for page in reader.pages)
        built[name] = Built(planned, drawn, pdf, texts)
    return built


EXPECTED_EN = [
    ("access", "Opioid substitution therapy coverage: where the target is missed"),
    ("map", "Opioid substitution therapy coverage by region, 2026-Q3"),
    ("result", "Election: CCPH community seat 2025"),
    ("story", "How the count went: CCPH community seat 2025"),
    ("late", "Strategy: what is late and who leads it"),
    ("changes", "What changed since the last meeting"),
    ("monitoring", "Monitoring: open and overdue findings"),
    ("members", "The coalition"),
]


def test_the_sample_makes_every_page_in_the_order_a_meeting_hears_them(
    packs: dict[str, Built],
) -> None:
    english = packs["en"].plan.pages
    assert [(p.kind, p.title) for p in english] == EXPECTED_EN
    for lang in ("ru", "ky"):
        assert [p.kind for p in packs[lang].plan.pages] == [kind for kind, _ in EXPECTED_EN]


def test_the_monitoring_page_says_what_is_open_and_who_is_late(packs: dict[str, Built]) -> None:
    """The sample's hand-worked answers (data/README.md): 20 open, 5 overdue, F-053 oldest."""
    (page,) = [p for p in packs["en"].plan.pages if p.kind == "monitoring"]
    assert page.lines[0].startswith("20 findings are still open.")
    assert "5 answers are overdue" in page.lines[0]
    overdue = [line for line in page.lines if line.startswith("• F-")]
    assert [line.split(" · ")[0] for line in overdue] == [
        "• F-053",
        "• F-056",
        "• F-058",
        "• F-059",
        "• F-060",
    ]
    assert dict(page.metrics)["Open"] == "20"
    assert page.figure is not None, "the funnel chart is drawn"
    text = _squeeze("\n".join(packs["en"].texts))
    assert _squeeze("F-053 · Bishkek city police department") in text


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_each_page_title_and_answer_are_in_the_pdf_in_order(
    packs: dict[str, Built], lang: str
) -> None:
    built = packs[lang]
    texts = [_squeeze(text) for text in built.texts]
    assert _squeeze(t("pack.cover.title", lang)) in texts[0]
    at = 1
    for page in built.plan.pages:
        found = [i for i in range(at, len(texts)) if _squeeze(page.title) in texts[i]]
        assert found, f"{page.kind}: title {page.title!r} not found after PDF page {at}"
        at = found[0]
        if page.lines:  # the map's answer is the map itself
            answer = page.lines[0].removeprefix("• ")
            assert _squeeze(answer) in texts[at], f"{page.kind}: answer {answer!r} missing"
        assert _squeeze(page.title) in texts[0], "the cover lists every page"
    assert at == len(texts) - 1 or at == len(texts) - 2  # the last page (or its chart) ends it


def test_the_map_page_names_every_unit_with_its_figure(packs: dict[str, Built]) -> None:
    """The slideshow's map on paper: the nine units drawn from the boundary file, each unit's
    name and figure printed on it (the same figures as the access chart), and the legend."""
    built = packs["ky"]
    (page,) = [p for p in built.plan.pages if p.kind == "map"]
    assert page.figure is not None
    shapes = [trace for trace in page.figure.data if trace.fill == "toself"]
    assert len(shapes) >= 8, "every oblast is a filled polygon"
    (words,) = [trace for trace in page.figure.data if trace.mode == "text"]
    labels = list(words.text)
    assert len(labels) == 7 * 2 + 2, "each oblast's name and figure, each city's on one line"
    assert labels[labels.index("Жалал-Абад облусу") + 1] == "4,3%"
    assert "Бишкек шаары 19,6%" in labels
    assert all(trace.hoverinfo == "skip" for trace in page.figure.data), "paper has no hover"
    charted = [p.kind for p in built.plan.pages if p.figure is not None]
    svg = built.svgs[charted.index("map")].decode("utf-8")
    for name in ("Баткен облусу", "Ош шаары", "Ысык-Көл облусу"):
        assert name in svg, f"{name} is not drawn on the map"
    assert t("present.map.caption", "ky", k=THRESHOLD) in page.notes


def test_kyrgyz_text_extracts_as_kyrgyz(packs: dict[str, Built]) -> None:
    text = "\n".join(packs["ky"].texts)
    assert "Жолугушууга пакет" in text  # the cover
    assert "Үлгү маалыматтар" in text  # the sample label
    assert "Өлкө боюнча" in text  # the access page's first number
    assert "Жалал-Абад облусу" in text  # a region's name, drawn in the chart
    assert not {"\ufffd", "\u25a1"} & set(text)


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_every_page_has_its_number_as_of_and_the_sample_label(
    packs: dict[str, Built], lang: str
) -> None:
    texts = packs[lang].texts
    when = format_time(AS_OF, lang)
    for number, text in enumerate(texts, start=1):
        page = t("pack.footer.page", lang, n=number, total=len(texts))
        assert _squeeze(page) in _squeeze(text)
        assert _squeeze(t("pack.footer.as_of", lang, when=when)) in _squeeze(text)
        assert _squeeze(t("banner.sample", lang)) in _squeeze(text)
    assert "(UTC+6)" in texts[0]  # Bishkek time: 04:30 UTC is read as 10:30
    assert _squeeze("10:30") in _squeeze(texts[0])


def test_fonts_are_embedded_and_charts_are_vectors(packs: dict[str, Built]) -> None:
    reader = PdfReader(io.BytesIO(packs["ky"].pdf))
    families = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            families.add(str(font["/BaseFont"]).split("+")[-1])
        images = [x for x in resources.get("/XObject", {}).values() if x["/Subtype"] == "/Image"]
        assert images == []  # the charts are drawn as paths and text, not pictures
    assert families == {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansOblique"}


def test_the_same_view_gives_the_same_file(packs: dict[str, Built]) -> None:
    """Same plan, same charts, same bytes: the PDF's date is the read's, not the clock's, so
    everyone who downloads one view gets one file."""
    built = packs["public"]
    assert pack.assemble(built.plan, built.svgs) == built.pdf


@pytest.mark.parametrize("name", ["ru", "ky", "en", "public"])
def test_no_small_count_and_no_sheet_id_in_any_pack(packs: dict[str, Built], name: str) -> None:
    text = "\n".join(packs[name].texts)
    assert small_counts_in_text(text, THRESHOLD) == []
    assert SHEET_ID.search(text.replace("\n", " ")) is None
    assert "docs.google.com" not in text


def test_small_ballot_counts_are_hidden_as_on_screen(packs: dict[str, Built]) -> None:
    """The sample's 2025 election had 6 blank and 4 invalid ballots: both below 10."""
    result = next(p for p in packs["en"].plan.pages if p.kind == "result")
    metrics = dict(result.metrics)
    assert metrics["Blank ballots"] == "<10"
    assert metrics["Invalid ballots"] == "<10"
    text = _squeeze("\n".join(packs["en"].texts))
    assert "Blankballots<10" in text
    assert "Blankballots6" not in text and "Invalidballots4" not in text


def test_the_public_pack_holds_only_public_indicators(packs: dict[str, Built]) -> None:
    public = packs["public"]
    assert [p.kind for p in public.plan.pages] == ["access", "map"]
    text = "\n".join(public.texts)
    assert t("pack.cover.public", "ru") in text.replace("\n", " ")
    for hidden in ("CCPH", "Steppe Harm Reduction Network", "M-01"):
        assert hidden not in text


HOSTILE = '<b>Bold</b> **x** [y](javascript:alert(1)) =HYPERLINK("http://e.vil") a_b'


def test_hostile_sheet_text_comes_out_as_typed(sample_workbook: Workbook) -> None:
    members = sample_workbook["members"].copy()
    members.loc[0, "organisation"] = HOSTILE
    frames = {**sample_workbook.frames, "members": members}
    planted = dataclasses.replace(sample_workbook, frames=frames)
    page = content.members_page(planted, "en")
    assert any(HOSTILE in line for line in page.lines)
    about = pack.cover(
        planted,
        None,
        pack.PackFilters(),
        lang="en",
        today=TODAY,
        as_of=AS_OF,
        source="Sample",
        sample=True,
        public=False,
    )
    pdf = pack.assemble(pack.Plan((page,), (), about), [])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert _squeeze(HOSTILE) in _squeeze(text)
    assert "\\" not in text and "&lt;" not in text and "\u2060" not in text


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A server without Chromium: choreographer is pointed at a browser that is not there."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    yield


def test_no_browser_the_command_line_says_what_to_install(
    no_browser: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pack.browser() is None
    out = tmp_path / "pack.pdf"
    assert main(["--lang", "ky", "--out", str(out)]) == EXIT_NO_BROWSER
    said = capsys.readouterr()
    assert "apt-get install chromium" in said.err
    assert "Chromium" in said.err and "браузери керек" in said.err
    assert "Traceback" not in said.err + said.out
    assert not out.exists()
    with pytest.raises(pack.BrowserMissing):
        charts.export([go.Figure()])


def test_no_browser_the_overview_says_so_and_still_works(no_browser: None) -> None:
    at = run_page("pages/overview.py", lang="en")
    assert at.get("download_button") == []
    said = [c.value for c in at.caption]
    assert any("apt-get install chromium" in text for text in said)
    assert at.header[0].value == t("overview.indicators.heading", "en")


def test_the_overview_and_slideshow_offer_the_pack() -> None:
    for script, key in (
        ("pages/overview.py", "overview_pack"),
        ("pages/slideshow.py", "slide_pack"),
    ):
        at = run_page(script, lang="ru")
        buttons = [b for b in at.get("download_button") if b.key == key]
        assert [b.label for b in buttons] == ["Пакет к встрече (PDF)"]


def test_one_build_per_read_role_and_language(
    monkeypatch: pytest.MonkeyPatch, sample_workbook: Workbook
) -> None:
    """A room of people clicking costs one build; another language is another pack."""
    from utils.store.load import Loaded
    from utils.web import meeting_pack
    from utils.web.ui import PageContext

    calls: list[str] = []

    def fake_build(workbook: Workbook, earlier: object, filters: object, **kw: object) -> bytes:
        calls.append(str(kw["lang"]))
        return f"%PDF {kw['lang']} {len(calls)}".encode()

    monkeypatch.setattr(pack, "build", fake_build)
    loaded = Loaded(workbook=sample_workbook, as_of=AS_OF, source_label="—", is_sample=True)

    def ctx(lang: str) -> PageContext:
        return PageContext(lang, loaded, sample_workbook, False, "viewer")

    first = meeting_pack.pack_bytes(ctx("ky"), TODAY)
    assert meeting_pack.pack_bytes(ctx("ky"), TODAY) is first
    assert meeting_pack.pack_bytes(ctx("en"), TODAY) == b"%PDF en 2"
    assert calls == ["ky", "en"]


def test_charts_export_from_a_thread_that_runs_an_event_loop() -> None:
    """A thread where another library left its loop running (a test's Playwright, async
    code) cannot call asyncio.run: the export then runs in a thread of its own."""
    import asyncio

    if pack.browser() is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs chromium (.ci/run): the pack's charts need it")
        pytest.skip("no Chromium here (apt-get install chromium)")

    async def inside_a_loop() -> list[bytes]:
        return charts.export([go.Figure(go.Bar(x=[1, 2], y=[3, 4]))])

    # The loop runs in a fresh thread (this one may already run Playwright's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        (svg,) = pool.submit(asyncio.run, inside_a_loop()).result()
    assert svg.startswith(b"<svg")
