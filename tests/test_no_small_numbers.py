"""No count below the threshold reaches the browser, on any page, in any payload.

Every page in pages/ is rendered through AppTest on the sample (pages written later are picked
up by the parametrisation) and everything it sends is searched: plotly specs (incl. hover
customdata named in trace.meta), deck JSON (map tooltips), dataframes and tables, the bytes of
every download (CSV and Excel), and the text of markdown, captions, alerts and metrics.

Free text is judged by a narrow rule (a number next to a word for people or votes, or "n = 7"),
because "2025-Q3", "3 regions" or "round 1 of 2" are not counts; the pages write counts in text
through ``privacy.display_count`` so a hidden one reads "<10".
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.apptest import opened, run_page
from utils.analysis.privacy import COUNT_WORDS, DEFAULT_THRESHOLD, small_counts_in
from utils.views.access import XLSX_MIME

if TYPE_CHECKING:
    from utils.sheet.parse import Workbook

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
T = DEFAULT_THRESHOLD

# Russian and Kyrgyz headers of count columns, so a page in Russian is judged too.
WORDS = COUNT_WORDS | {
    "числитель", "знаменатель", "человек", "люди", "голоса", "голосов", "избиратели",
    "алымы", "бөлүмү", "адам", "адамдар", "добуштар", "шайлоочулар",
}  # fmt: skip
_NUM = r"(\d[\d\u00a0\u202f ,.]*)"
TEXT_COUNT = [
    re.compile(_NUM + r"\s*(?:people|persons|clients|cases|votes|voters|человек\w*|голос\w*"
               r"|избирател\w*|адам\w*|добуш\w*|шайлооч\w*)\b", re.IGNORECASE),
    re.compile(r"\bn\s*=\s*" + _NUM, re.IGNORECASE),
]  # fmt: skip


def small_counts_in_text(text: str, threshold: int = T) -> list[str]:
    """Counts below the threshold written as words in free text (see the module docstring)."""
    found = []
    for pattern in TEXT_COUNT:
        for match in pattern.finditer(text):
            digits = re.sub(r"[\u00a0\u202f ,.]", "", match.group(1))
            if digits.isdigit() and 0 < int(digits) < threshold:
                found.append(match.group(0))
    return found


@pytest.fixture
def captured_downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str]]:
    """Record the bytes of every file a page offers for download."""
    files: list[tuple[bytes, str]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes | str):
            data = path_or_data.encode() if isinstance(path_or_data, str) else path_or_data
            files.append((data, mimetype))
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)

    # A download made on click (``data=`` a callable) is made here, as the click would make it.
    deferred = MediaFileManager.add_deferred

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        data = data_callable()
        files.append((data.encode() if isinstance(data, str) else data, mimetype or ""))
        return deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def payload_problems(
    at: AppTest, downloads: list[tuple[bytes, str]], *, map_shows_counts: bool = False
) -> list[str]:
    """Every small count found in what the rendered page would send to a browser.

    A deck carries only display text; with ``map_shows_counts`` (the indicator is a count of
    people) its "display" fields are judged as counts too.
    """
    found: list[str] = []
    deck_words = WORDS | {"display"} if map_shows_counts else WORDS
    for chart in at.get("plotly_chart"):
        found += [
            f"plotly {s.path}={s.value}"
            for s in small_counts_in(chart.proto.spec, count_words=WORDS)
        ]
    for deck in at.get("deck_gl_json_chart"):
        found += [
            f"deck {s.path}={s.value}"
            for s in small_counts_in(deck.proto.json, count_words=deck_words)
        ]
    for frame in [*at.dataframe, *at.table]:
        found += [
            f"table {s.path}={s.value}" for s in small_counts_in(frame.value, count_words=WORDS)
        ]
    for metric in at.metric:
        found += [
            f"metric {s.path}"
            for s in small_counts_in({metric.label: metric.value}, count_words=WORDS)
        ]
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success")
             for e in getattr(at, kind)]  # fmt: skip
    texts += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    for text in texts:
        found += [f"text {hit!r}" for hit in small_counts_in_text(str(text))]
    for data, mime in downloads:
        if "csv" in mime:
            frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=None, engine="python")
        elif "spreadsheet" in mime:
            frame = pd.read_excel(io.BytesIO(data))
        else:
            continue
        found += [f"download {s.path}={s.value}" for s in small_counts_in(frame, count_words=WORDS)]
    return found


def render(page: str, lang: str, **params: object) -> AppTest:
    """Run one page on the sample with the given language and query parameters.

    A page that crashes, or a section that fails, fails the test: a page that sent nothing
    would otherwise pass the check for what it sends.
    """
    return run_page(page, lang=lang, query=params)


def test_the_checker_finds_a_planted_small_count() -> None:
    assert small_counts_in_text("only 7 people reached") == ["7 people"]
    assert small_counts_in_text("n = 4") and small_counts_in_text("голосов: 3 голоса")
    assert not small_counts_in_text("2025-Q3, 3 regions, round 1 of 2")


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", PAGES)
def test_no_small_count_on_any_page(page: str, lang: str, captured_downloads) -> None:
    at = render(page, lang, **opened(page))  # with every section drawn on demand open
    assert not payload_problems(at, captured_downloads)


# The access page's indicators where the sample holds counts below 10 (PrEP, rights
# violations, prevention among MSM in small regions), each with some narrowing filters:
# (indicator, communities, regions). Bound widgets keep their *displayed* option in the URL.
ACCESS_VIEWS = [
    ("prep_uptake", (), ()),
    ("prep_uptake", ("trans",), ()),
    ("rights_violations", (), ()),
    ("rights_violations", (), ("KG-N",)),
    ("prevention_coverage", ("msm",), ()),
    ("testing_coverage", ("msm",), ("KG-N", "KG-T", "KG-B")),
    ("nsp_syringes", (), ()),
]


def access_params(sample: Workbook, indicator: str, communities, regions) -> dict[str, object]:
    """The URL of one access view of the sample, in English, with every section open."""
    from utils.sheet.contract import COMMUNITIES, choice_name
    from utils.sheet.regions import region_name

    catalog = sample["catalog"]
    params: dict[str, object] = {
        "access_indicator": catalog.set_index("id").loc[indicator, "name_en"],
        **opened("pages/program_access.py"),
    }
    if communities:
        params["access_communities"] = [choice_name(COMMUNITIES, c, "en") for c in communities]
    if regions:
        params["access_regions"] = [region_name(r, "en") for r in regions]
    return params


@pytest.mark.parametrize(("indicator", "communities", "regions"), ACCESS_VIEWS)
def test_no_small_count_on_access_views_with_many_small_cells(
    indicator, communities, regions, captured_downloads, sample_workbook
) -> None:
    params = access_params(sample_workbook, indicator, communities, regions)
    at = render("pages/program_access.py", "en", **params)
    assert at.selectbox(key="access_indicator").value == indicator
    assert at.multiselect(key="access_communities").value == list(communities)
    assert at.multiselect(key="access_regions").value == list(regions)
    assert at.get("plotly_chart"), "the view drew no chart, so the check proves nothing"
    counts_of_people = indicator in ("prep_uptake", "rights_violations")
    assert not payload_problems(at, captured_downloads, map_shows_counts=counts_of_people)
    kinds = {mime for _, mime in captured_downloads}
    assert {"text/csv", XLSX_MIME} <= kinds, f"the downloads were not all captured: {kinds}"


def test_the_check_sees_small_counts_when_protection_is_off(
    monkeypatch: pytest.MonkeyPatch, captured_downloads, sample_workbook
) -> None:
    """With the threshold set to 1 nothing is hidden: every payload kind must then be caught."""
    monkeypatch.setenv("UV_THRESHOLD", "1")
    at = render(
        "pages/program_access.py",
        "en",
        **access_params(sample_workbook, "prep_uptake", ("trans",), ()),
    )
    problems = payload_problems(at, captured_downloads, map_shows_counts=True)
    for kind in ("plotly", "deck", "table", "download"):
        assert any(p.startswith(kind) for p in problems), f"no small count seen in {kind}"
