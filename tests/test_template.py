"""The template workbook: built from the contract, and it round-trips with the sample data."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from data.make_sample import TODAY, build_sample
from utils.editors.template import HOW_TO_TITLE, build_template
from utils.sheet.contract import TABS
from utils.sheet.parse import parse_workbook
from utils.sources.files import XlsxSource


@pytest.fixture(scope="module")
def template() -> Workbook:
    return load_workbook(io.BytesIO(build_template()))


def _read(book: Workbook, tmp_path: Path) -> dict:
    path = tmp_path / "filled.xlsx"
    book.save(path)
    return XlsxSource(path).read()


@pytest.mark.parametrize("lang", [None, "en", "ru", "ky"])
def test_the_empty_template_parses_with_zero_problems(lang: str | None, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    path.write_bytes(build_template(lang))
    workbook = parse_workbook(XlsxSource(path).read())
    assert workbook.problems == ()
    assert all(stats.title == name for name, stats in workbook.stats.items())


def test_the_template_filled_with_the_sample_loads_with_zero_problems(tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(build_template("ru")))
    sample = build_sample()
    for tab in TABS:
        sheet = book[tab.name]
        header = [cell.value for cell in sheet[1]]
        source_header = sample[tab.name][0]
        for row in sample[tab.name][1:]:
            by_name = dict(zip(source_header, row, strict=False))
            sheet.append([by_name.get(name) for name in header])
    workbook = parse_workbook(_read(book, tmp_path), today=TODAY)
    assert workbook.problems == ()
    for tab in TABS:
        assert workbook.stats[tab.name].rows_used == len(sample[tab.name]) - 1


def test_every_tab_has_the_contract_headers_in_order(template: Workbook) -> None:
    for tab in TABS:
        assert [c.value for c in template[tab.name][1]] == list(tab.column_names)


def test_every_header_explains_itself_in_english_and_russian(template: Workbook) -> None:
    for tab in TABS:
        for cell, column in zip(template[tab.name][1], tab.columns, strict=True):
            assert cell.comment is not None, f"{tab.name}.{column.name} has no comment"
            assert column.help_en in cell.comment.text
            assert column.help_ru in cell.comment.text


def _validations(template: Workbook, tab: str) -> dict[str, str]:
    """Column letter -> drop-down formula."""
    out = {}
    for validation in template[tab].data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in validation.sqref.ranges:
            out[cell_range.coord.split(":")[0].rstrip("0123456789")] = validation.formula1
    return out


def _list_values(template: Workbook, formula: str) -> list[str]:
    sheet_name, cells = formula.split("!")
    sheet = template[sheet_name.strip("'")]
    return [c.value for row in sheet[cells.replace("$", "")] for c in row]


def test_columns_with_allowed_values_have_drop_downs(template: Workbook) -> None:
    for tab in TABS:
        formulas = _validations(template, tab.name)
        for index, column in enumerate(tab.columns):
            letter = chr(65 + index)
            has_list = bool(column.choices) or column.kind in ("region", "bool")
            owners = {"indicator": "catalog", "election": "elections"}
            owners |= {"finding_id": "findings", "milestone_id": "milestones"}
            is_reference = column.name in owners and tab.name != owners[column.name]
            assert (letter in formulas) == (has_list or is_reference), f"{tab.name}.{column.name}"


def test_drop_down_lists_hold_what_the_parser_accepts(template: Workbook) -> None:
    formulas = _validations(template, "indicators")
    regions = _list_values(template, formulas["C"])
    communities = _list_values(template, formulas["D"])
    assert len(regions) == 10 and "Bishkek city" in regions
    assert "People who inject drugs" in communities
    milestone_status = _list_values(template, _validations(template, "milestones")["I"])
    assert milestone_status == [
        "Not started",
        "On track",
        "At risk",
        "Delayed",
        "Done",
        "Cancelled",
    ]
    # every listed value must parse: put each into a valid row and read it back
    grids = build_sample()
    rows = grids["indicators"][:2]
    for region in regions:
        rows.append([*rows[1][:2], region, *rows[1][3:]])
    parsed = parse_workbook({"catalog": grids["catalog"], "indicators": rows}, today=TODAY)
    assert not [p for p in parsed.problems if p.code in ("unknown_region", "not_allowed")]


def test_indicator_ids_come_from_the_catalog_range(template: Workbook) -> None:
    assert _validations(template, "indicators")["A"].startswith("'catalog'!$A$2")
    assert _validations(template, "milestones")["L"].startswith("'catalog'!$A$2")
    assert _validations(template, "votes")["A"].startswith("'elections'!$A$2")


def test_number_and_date_formats(template: Workbook) -> None:
    milestones = template["milestones"]
    assert milestones.column_dimensions["H"].number_format == "DD.MM.YYYY"  # due
    assert milestones.column_dimensions["J"].number_format == "@"  # progress kept as typed
    assert template["indicators"].column_dimensions["B"].number_format == "@"  # period
    assert template["votes"].column_dimensions["F"].number_format == "0"  # votes


@pytest.mark.parametrize(
    ("lang", "first"), [("en", "English"), ("ru", "Русский"), ("ky", "Русский"), (None, "English")]
)
def test_how_to_tab_in_english_and_russian(lang: str | None, first: str) -> None:
    book = load_workbook(io.BytesIO(build_template(lang)))
    assert book.sheetnames[0] == HOW_TO_TITLE
    text = "\n".join(str(c.value) for row in book[HOW_TO_TITLE].iter_rows() for c in row if c.value)
    assert book[HOW_TO_TITLE]["B1"].value == first
    assert "01.02.2025" in text and "1,234" in text
    assert "Проценты" in text and "Percentages" in text
    for tab in TABS:
        assert tab.help_en in text and tab.help_ru in text


def test_the_editors_guide_covers_the_contract() -> None:
    from tests.conftest import ROOT
    from utils.sheet.contract import COMMUNITIES, MILESTONE_STATUSES

    guide = (ROOT / "docs" / "EDITORS.md").read_text(encoding="utf-8")
    for tab in TABS:
        assert f"### `{tab.name}`" in guide, tab.name
        section = guide.split(f"### `{tab.name}`")[1].split("### ")[0]
        for column in tab.columns:
            assert f"| `{column.name}` |" in section, f"{tab.name}.{column.name}"
            assert column.help_en in section, f"{tab.name}.{column.name} help changed"
    for choice in (*COMMUNITIES, *MILESTONE_STATUSES):
        assert f"| `{choice.key}` | {choice.en} | {choice.ru} |" in guide
    assert "python -m utils.editors.check" in guide
