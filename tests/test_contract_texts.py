"""The contract's help texts and names are catalogue entries, found without a list kept by hand."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from utils.editors.check import expected_text
from utils.i18n import catalogues_sync as sync
from utils.i18n import messages
from utils.sheet import contract, texts
from utils.sheet.contract import CATALOG, COMMUNITIES, INDICATORS, MILESTONE_STATUSES, TABS
from utils.sheet.parse import Problem
from utils.sheet.regions import region_name

ENTRIES = texts.entries()


def test_every_tab_column_value_and_region_has_an_id() -> None:
    """The ids come from the contract itself: a tab added to TABS brings its ids along."""
    keys = {entry.key for entry in ENTRIES}
    assert len(keys) == len(ENTRIES), "two contract texts share an id"
    for tab in TABS:
        assert texts.tab_key(tab) in keys
        assert {texts.column_key(tab, column) for column in tab.columns} <= keys
    assert "contract.choice.communities.pwid" in keys
    assert "contract.choice.milestone_statuses.at_risk" in keys
    assert "contract.region.KG-GB" in keys


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.key)
def test_every_contract_text_is_in_the_catalogues_with_the_contracts_english(
    entry: texts.Entry,
) -> None:
    """Fails for a tab, column or value the sync has not seen yet, or whose English changed."""
    assert entry.key in messages(), "run python -m utils.i18n.catalogues_sync"
    assert messages()[entry.key]["en"] == entry.english, "run the sync: the English changed"


def test_help_and_names_are_read_from_the_catalogues_in_kyrgyz() -> None:
    period = INDICATORS.column("period")
    assert texts.column_help(INDICATORS, period, "ky") == (
        "Жыл (2025), чейрек (2025-Q3) же ай (2025-03)."
    )
    assert texts.column_help(INDICATORS, period, "en") == period.help_en
    assert texts.tab_help(CATALOG, "ky") == (
        "Ар бир көрсөткүчкө бир сап: аталыштары, бирдиги, багыты жана максаты."
    )
    assert COMMUNITIES[1].name("ky") == "Баңгизат колдонгон адамдар"
    assert contract.choice_name(MILESTONE_STATUSES, "delayed", "ru") == "Отстаёт"
    assert region_name("KG-C", "ky") == "Чүй облусу"
    assert region_name("KG-C", "en") == "Chuy"


def test_a_missing_header_is_explained_in_kyrgyz() -> None:
    """The health report's help for a missing column was Russian on a Kyrgyz page."""
    problem = Problem("indicators", 1, "period", "", "", "header_missing", "a column")
    text = expected_text(problem, "ky")
    assert "Жыл (2025), чейрек (2025-Q3) же ай (2025-03)." in text
    assert "Год (2025)" not in text


def test_choices_are_read_in_every_spelling_the_catalogues_give() -> None:
    """A drop-down value written from the Kyrgyz catalogue is read back as its key."""
    community = INDICATORS.column("community")
    for choice in COMMUNITIES:
        for lang in ("en", "ru", "ky"):
            assert contract.match_choice(community, choice.name(lang)) == choice.key


def _project(tmp_path: Path) -> Path:
    """A small project: one page using one key, a contract file, and the real catalogues."""
    root = tmp_path / "project"
    (root / "pages").mkdir(parents=True)
    (root / "utils" / "sheet").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "pages" / "page.py").write_text('t("nav.overview", "ru")\n', encoding="utf-8")
    (root / "utils" / "sheet" / "contract.py").write_text('HELP = "Changed."\n', encoding="utf-8")
    shutil.copytree(ROOT / "locales", root / "locales")
    return root


def test_the_sync_writes_the_contracts_english_and_its_first_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new tab's Russian draft fills its empty entry; a changed English makes Russian fuzzy."""
    root = _project(tmp_path)
    changed = texts.Entry("contract.tab.indicators.help", "Changed.", "contract.py", ())
    new = texts.Entry("contract.tab.new.help", "A new tab.", "contract.py",
                      (("ru", "Новая вкладка."),))  # fmt: skip
    monkeypatch.setattr(texts, "entries", lambda: (changed, new))
    result = sync.sync(root)
    assert result.fuzzy == {"en": [], "ru": [changed.key], "ky": [changed.key]}
    assert "contract.tab.catalog.help" in result.dropped["ru"]  # not in this small contract
    locales = root / "locales"
    english, russian = (
        sync.read(sync.po_path("en", locales)),
        sync.read(sync.po_path("ru", locales)),
    )
    kyrgyz = sync.read(sync.po_path("ky", locales))
    assert english[changed.key].string == "Changed." and english[new.key].string == "A new tab."
    assert russian[new.key].string == "Новая вкладка." and not russian[new.key].fuzzy
    assert kyrgyz[new.key].string == ""  # no draft: the translator writes it
    assert russian[changed.key].fuzzy and russian[changed.key].string.startswith("Одна строка")
    russian[new.key].string = "Вкладка."  # a translator's correction survives the next sync
    sync.write(sync.po_path("ru", locales), russian)
    sync.sync(root)
    assert sync.read(sync.po_path("ru", locales))[new.key].string == "Вкладка."


def test_the_review_table_is_current_and_reads_side_by_side() -> None:
    """docs/translations.csv is what the sync would write now (run the sync when it is not)."""
    written = (ROOT / "docs" / "translations.csv").read_text(encoding="utf-8")
    assert written == sync.review_table(), "run python -m utils.i18n.catalogues_sync"
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(written))}
    assert set(rows) == set(messages())
    assert rows["contract.region.KG-C"] == {
        "key": "contract.region.KG-C",
        "en": "Chuy",
        "ru": "Чуйская область",
        "ky": "Чүй облусу",
        "needs review": "",
        "where": "utils/sheet/regions.py",
    }
    assert rows["strategy.filter.days"]["ru"] == "{n} день | {n} дня | {n} дней"
