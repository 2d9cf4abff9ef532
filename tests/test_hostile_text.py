"""Hostile markup typed into any sheet text field renders as plain text on every page.

Every catalog, milestone, candidate, organisation, election and member text field of the sample
gets markup planted in front of its value (the same prefix everywhere, so names still join
across tabs): HTML links and styles, bold, a ``javascript:`` Markdown link, bare URLs and
Markdown emphasis. Every page is rendered with AppTest and everything it sends is searched:
each plotly spec (titles, axes, annotations, trace names, text, hover templates, customdata),
each deck's JSON, and every piece of text Streamlit reads as Markdown.
"""

from __future__ import annotations

import html
import inspect
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import ANY_ERROR, opened, run_page
from utils.render import strategy as strategy_charts
from utils.render.text import WORD_JOINER, for_deck, for_markdown, for_plotly
from utils.views import slides
from utils.views import votes as vote_views

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))

HOSTILE = (
    '<a href="http://evil">x</a> <span style="color:red">y</span> <b>z</b> '
    "[w](javascript:alert(1)) http://evil.example/path www.evil.example **bold**"
)
FIELDS = {
    "catalog": ("name_en", "name_ru", "name_ky", "target_source", "definition"),
    "milestones": ("objective", "milestone", "lead", "partners", "notes"),
    "elections": ("title", "body", "community_candidate", "notes"),
    "votes": ("candidate", "candidate_org"),
    "members": ("organisation",),
    "indicators": ("source", "notes"),
    "findings": ("site", "evidence", "duty_bearer"),
    "actions": ("action", "by", "response"),
    "campaigns": ("campaign",),
}

# The planted tags, live (the app's own markup, such as a legend's coloured <span>, is not sheet
# text and is allowed).
TAGS = re.compile(r'<a href="http://evil"|<span style="color:red"|<b>z', re.IGNORECASE)
# GFM autolink literals: http(s):// and www. (the latter at a word start).
AUTOLINK = re.compile(r"https?://|(?<![\w\u2060])www\.", re.IGNORECASE)


def hostile_sample() -> dict[str, list[list[Any]]]:
    """The sample with HOSTILE in front of every sheet text field named in FIELDS."""
    grids = build_sample()
    for tab, columns in FIELDS.items():
        header = grids[tab][0]
        where = [header.index(c) for c in columns]
        for row in grids[tab][1:]:
            for i in where:
                if isinstance(row[i], str) and row[i]:
                    row[i] = f"{HOSTILE} {row[i]}"
    return grids


def strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside a JSON-like value, with where it sits."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, f"{path}[{i}]")


def markdown_problems(where: str, text: str) -> list[str]:
    """What Markdown (GFM, as react-markdown renders it) would turn into markup or a link."""
    found = []
    if TAGS.search(text):
        found.append(f"{where}: live tag in {text!r}")
    if "](javascript:" in text:
        found.append(f"{where}: javascript link in {text!r}")
    if AUTOLINK.search(text.replace("\\", "")):
        found.append(f"{where}: autolink in {text!r}")
    if "**bold**" in text:
        found.append(f"{where}: emphasis in {text!r}")
    return found


def problems(at: AppTest) -> list[str]:
    """Every place where planted markup would be interpreted by the browser."""
    found: list[str] = []
    for n, chart in enumerate(at.get("plotly_chart")):
        spec = json.loads(chart.proto.spec)
        for path, value in strings({"data": spec.get("data"), "layout": spec.get("layout")}):
            if TAGS.search(value):
                found.append(f"plotly[{n}]{path}: live tag in {value!r}")
    for n, deck in enumerate(at.get("deck_gl_json_chart")):
        for path, value in strings(json.loads(deck.proto.json)):
            if TAGS.search(value):
                found.append(f"deck[{n}]{path}: live tag in {value!r}")
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "title", "header")
    kinds += ("subheader",)
    for kind in kinds:
        for e in getattr(at, kind):
            found += markdown_problems(kind, str(e.value))
    for e in at.metric:
        found += markdown_problems("metric", str(e.label))
    for e in at.expander:
        found += markdown_problems("expander", str(e.label))
    for e in at.tabs:
        found += markdown_problems("tab", str(e.label))
    return found


def texts(at: AppTest, kind: str) -> list[str]:
    """The text of every element of one kind (a metric's label)."""
    return [str(e.label if kind == "metric" else e.value) for e in getattr(at, kind)]


def test_the_checker_sees_each_kind_of_markup() -> None:
    for bad in ('<a href="http://evil">', '<span style="color:red">', "<b>z</b>"):
        assert TAGS.search(bad)
    assert not TAGS.search("&lt;a href&gt; &lt;b&gt;z &lt;span")
    for bad in ("see http://evil.example", "https\\://x", "go to www.evil.example", "**bold**"):
        assert markdown_problems("t", bad), bad
    assert not markdown_problems("t", "http\u2060://evil www\u2060.evil \\*\\*bold\\*\\*")


def test_the_one_escaper_leaves_nothing_live() -> None:
    md = for_markdown(HOSTILE + " mail me: a.b@evil.example, HTTPS://EVIL %{x}")
    assert not markdown_problems("for_markdown", md)
    assert "@" not in md.replace(WORD_JOINER + "@", "")
    assert md.replace(WORD_JOINER, "").replace("\\", "") == html.escape(
        HOSTILE + " mail me: a.b@evil.example, HTTPS://EVIL %{x}", quote=False
    ), "nothing but escapes and invisible joiners is added"
    plot = for_plotly(HOSTILE + " %{customdata[0]} &amp;")
    assert not TAGS.search(plot) and "%{" not in plot and "&amp;amp;" in plot
    assert for_deck("<b>z</b> <10 a\x07b") == "‹b>z‹/b> <10 ab"
    assert for_markdown(None) == for_plotly(float("nan")) == for_deck(None) == ""


def test_every_escape_parameter_defaults_to_the_safe_escaper() -> None:
    for fn in (
        vote_views.describe_outcome, vote_views.describe_community, vote_views.describe_change,
        vote_views.describe_issue, vote_views.describe_mark, vote_views.describe_crossing,
        strategy_charts.headline_markdown, strategy_charts.changes_markdown,
        slides.build, slides.access_slide, slides.map_slide, slides.election_slide,
        slides.strategy_slide, slides.members_slide,
    ):  # fmt: skip
        default = inspect.signature(fn).parameters["escape"].default
        assert default is for_markdown, fn.__qualname__


@pytest.fixture
def hostile(use_workbook) -> None:
    use_workbook(hostile_sample())


# Every page in two languages, and every slide of the slideshow (the page shows one at a time).
CASES = [(page, lang, "") for page in PAGES for lang in ("en", "ru")]
CASES += [("pages/slideshow.py", "en", str(n)) for n in range(2, 6)]


@pytest.mark.parametrize(("page", "lang", "slide"), CASES)
def test_hostile_sheet_text_is_plain_text_on_every_page(
    page: str, lang: str, slide: str, hostile
) -> None:
    # The health page sums up the problems the markup makes (it is no valid id or region).
    health = ANY_ERROR if page.endswith("sheet_health.py") else ()
    query = {"slide": slide} if slide else {}
    query |= opened(page)  # every section drawn on demand too: the map's tooltips and legend
    at = run_page(page, lang=lang, query=query, expect_errors=health)
    shown = [
        v
        for kind in ("markdown", "caption", "header", "subheader", "metric")
        for v in texts(at, kind)
    ]
    shown += [v for c in at.get("plotly_chart") for _, v in strings(json.loads(c.proto.spec))]
    # The admin and sheet-health pages show the sheet's health, not its text.
    assert any("evil" in v for v in shown) or page.endswith(("admin.py", "sheet_health.py")), (
        "the planted text reached the page, so the checks below judge it"
    )
    assert not problems(at), "\n".join(problems(at))


def test_tables_have_no_built_in_export_past_the_neutralised_downloads() -> None:
    # Streamlit's own "Download as CSV" and copy would hand raw sheet text (a formula such as
    # =HYPERLINK("http://…","x")) to a spreadsheet; the app's downloads neutralise it instead.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in st_config._config_options_template, (
        "this Streamlit knows the option (an unknown one would be ignored)"
    )
