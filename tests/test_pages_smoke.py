"""Every page, in every language, renders the sample with no exception and real content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apptest import run_page
from tests.conftest import ROOT
from utils.i18n import LANGUAGES

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def test_the_five_pages_exist() -> None:
    assert {Path(p).stem for p in PAGES} >= {
        "overview",
        "program_access",
        "votes",
        "strategy",
        "sheet_health",
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_the_sample(page: str, lang: str) -> None:
    at = run_page(page, lang=lang)
    assert at.title, "every page has a title"
    assert any(
        "sample" in i.value.lower() or "пример" in i.value.lower() or "үлгү" in i.value.lower()
        for i in at.info
    ), "the sample is labelled as sample data"


def test_app_shell_runs_the_default_page() -> None:
    at = run_page("app.py", lang=None)
    assert at.title


def test_cold_start_with_a_broken_source_shows_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("UV_XLSX", str(tmp_path / "missing.xlsx"))
    at = run_page("pages/overview.py", expect_errors=("No data",), timeout=60)
    assert any("missing.xlsx" in e.value and "No data" in e.value for e in at.error)
    assert str(tmp_path) not in " ".join(e.value for e in at.error), (
        "no folder paths in the browser"
    )
