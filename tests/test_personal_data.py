"""Personal data in free text: recognised, never kept, reported at its cell without the value.

The detector (``utils/sheet/personal.py``) is table-driven: what a person types in Kyrgyzstan
(phones in every local form, e-mails, the 14-digit personal number, passports) against what the
sheet is full of and must be left alone (dates, money, counts, years, quarters, ids).
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from utils.editors import check
from utils.render import text
from utils.sheet import personal
from utils.sheet.parse import PERSONAL_DATA, parse_workbook

TODAY = date(2026, 11, 27)

FOUND = [
    # Kyrgyz phones: international, without the plus, national with a 0, city codes
    ("+996 555 12 34 56", "phone"),
    ("+996 (555) 123-456", "phone"),
    ("996555123456", "phone"),
    ("0555 123 456", "phone"),
    ("0700123456", "phone"),
    ("0 (312) 62-12-34", "phone"),
    ("0555 12-12-12", "phone"),
    ("Клиентка, тел 0555123456, жалоба на отказ", "phone"),
    ("звоните: тел. 62-12-34", "phone"),
    ("WhatsApp 555123456", "phone"),
    ("Телефону: 0779 11 22 33", "phone"),
    # Russian and other international numbers
    ("+7 912 345-67-89", "phone"),
    ("8 (912) 345-67-89", "phone"),
    ("89123456789", "phone"),
    ("+44 20 7946 0958", "phone"),
    # e-mail addresses, Cyrillic hosts too
    ("ivan.petrov@mail.ru", "email"),
    ("пишите на info@коалиция.кг", "email"),
    ("Contact: a.b+clinic@example.org for details", "email"),
    # the personal number: 1 or 2, birth date DDMMYYYY, five digits
    ("ПИН 21505198500123", "personal_number"),
    ("12003199000456", "personal_number"),
    ("ИНН: 22912200012345", "personal_number"),
    # passports and ID cards
    ("паспорт AN 1234567", "passport"),
    ("ID1234567", "passport"),
    ("АН1234567", "passport"),
    ("паспорт 4506 123456", "passport"),
    ("passport no. 123456789", "passport"),
]

LEFT_ALONE = [
    "01.02.2025",
    "2025-02-01",
    "14.03.2025 10:40",
    "01-02-2025 10:40",
    "с 01.02.2025 по 31.03.2025",
    "1 500 сом",
    "150 000 просмотров за три дня",
    "12 345 678 человек",
    "бюджет 2 500 000 сом на 2025-2026 годы",
    "ost_coverage",
    "nsp_syringes",
    "2025",
    "2025-Q3",
    "3 кв. 2025",
    "45,5%",
    "ПЕП 2025",
    "95-95-95",
    "В 2025 году охвачено 1 250 человек, из них 312 ЛУИН",
    "120 человек в 2024 и 135 в 2025",
    "Приказ № 123 от 01.02.2025",
    "Минздрав КР, письмо №04-12/345 от 12.03.2025",
    "2023–2025",
    "10:40",
    "нехватка АРВ 3 месяца подряд",
    "https://example.org/report/2025/03",
    "Пункт ОЗТ №2, Токмок",
    "0,5 мл",
    "Ош шаары, 2026-Q1",
    "250 шприцев на 1 ЛУИН в год",
    "Бишкек шаарында 2026-жылы 1 200 адам тестирлөөдөн өттү",
    "Милиция пункттун жанында күтүп турду, 3 жолу",
    "M-01",
    "F-001",
    "Паспорт здоровья 2025",
    "Call centre of the Ministry",
    "",
]


@pytest.mark.parametrize(("typed", "kind"), FOUND)
def test_personal_data_is_recognised(typed: str, kind: str) -> None:
    assert personal.kind_of(typed) == kind


@pytest.mark.parametrize("typed", LEFT_ALONE)
def test_what_the_sheet_is_full_of_is_left_alone(typed: str) -> None:
    assert personal.kind_of(typed) is None


_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=80, deadline=None)
@given(day=_DAYS, words=st.sampled_from(["", "с ", "до ", "от ", "Срок: "]))
def test_no_written_date_looks_personal(day: date, words: str) -> None:
    for written in (day.strftime("%d.%m.%Y"), day.isoformat(), day.strftime("%d.%m.%Y 10:40")):
        assert personal.kind_of(words + written) is None, written


@settings(max_examples=80, deadline=None)
@given(amount=st.integers(min_value=1_000, max_value=99_999_999_999), unit=st.sampled_from(
    ["сом", "человек", "просмотров", "шприцев", "адам", "views"]
))  # fmt: skip
def test_no_amount_with_thousands_spaces_looks_personal(amount: int, unit: str) -> None:
    written = f"{amount:,}".replace(",", " ")
    assert personal.kind_of(f"{written} {unit}") is None, written


@settings(max_examples=80, deadline=None)
@given(
    operator=st.sampled_from(["555", "700", "770", "999", "312", "220", "502"]),
    rest=st.integers(min_value=0, max_value=999_999),
    form=st.integers(min_value=0, max_value=4),
)
def test_every_local_form_of_a_kyrgyz_number_is_a_phone(
    operator: str, rest: int, form: int
) -> None:
    six = f"{rest:06d}"
    written = [
        f"+996 {operator} {six[:3]} {six[3:]}",
        f"+996({operator}){six[:2]}-{six[2:4]}-{six[4:]}",
        f"996{operator}{six}",
        f"0{operator} {six[:3]} {six[3:]}",
        f"0 ({operator}) {six[:2]}-{six[2:4]}-{six[4:]}",
    ][form]
    assert personal.kind_of(f"Жалоба, {written}") == "phone", written


# --- In the workbook: never stored, reported at the cell without the value ------------------

PHONE = "Звонила клиентка, тел. 0555 12 34 56"
MAIL = "пишите на client77@mail.ru"


@pytest.fixture(scope="module")
def seeded(sample_workbook_grids: dict) -> tuple:
    """The sample with a phone number in a milestone's notes and an e-mail in a finding's site."""
    grids = {tab: [list(r) for r in rows] for tab, rows in sample_workbook_grids.items()}
    notes = grids["milestones"][0].index("notes")
    grids["milestones"][3][notes] = PHONE  # sheet row 4, column M
    site = grids["findings"][0].index("site")
    grids["findings"][2][site] = MAIL  # sheet row 3, column G
    return parse_workbook(grids, today=TODAY), grids


@pytest.fixture(scope="module")
def sample_workbook_grids() -> dict:
    from data.make_sample import build_sample

    return build_sample()


def test_the_parsed_workbook_holds_the_marker_not_the_value(seeded: tuple) -> None:
    workbook, _ = seeded
    assert workbook["milestones"].loc[2, "notes"] == personal.HIDDEN
    assert workbook["findings"].loc[1, "site"] == personal.HIDDEN
    everything = "".join(frame.to_csv() for frame in workbook.frames.values())
    assert "0555" not in everything and "client77" not in everything
    assert all("0555" not in p.value and "client77" not in p.value for p in workbook.problems)


def test_sheet_health_names_the_cell_and_never_quotes_it(seeded: tuple) -> None:
    workbook, _ = seeded
    found = [p for p in workbook.problems if p.code == PERSONAL_DATA]
    assert [(p.tab, p.cell, p.severity, p.outcome) for p in found] == [
        ("milestones", "M4", "error", "value"),
        ("findings", "G3", "error", "value"),
    ]
    rows = {row.cell: row for row in check.report_rows(workbook, "ru") if row.cell in {"M4", "G3"}}
    assert rows["M4"].value == "скрыто: похоже на персональные данные"
    assert rows["M4"].expected.startswith("Текст без номера телефона:")
    assert rows["G3"].expected.startswith("Текст без адреса электронной почты:")
    ky = check.report_rows(workbook, "ky")
    assert {r.value for r in ky if r.cell in {"M4", "G3"}} == {"жашырылды: жеке маалыматка окшош"}
    report = check.format_report(workbook, "en", "sample")
    assert "M4 (notes): «hidden: looks like personal data»" in report
    assert "0555" not in report and "client77" not in report


def test_a_page_shows_the_words_in_the_readers_language(seeded: tuple) -> None:
    workbook, _ = seeded
    english = text.readable(workbook, "en")
    kyrgyz = text.readable(workbook, "ky")
    assert english["milestones"].loc[2, "notes"] == "hidden: looks like personal data"
    assert kyrgyz["findings"].loc[1, "site"] == "жашырылды: жеке маалыматка окшош"
    assert english.serial != kyrgyz.serial != workbook.serial  # never one cache entry for both
    assert workbook["milestones"].loc[2, "notes"] == personal.HIDDEN  # the read is unchanged
    text.set_reader_language("ky")
    try:
        assert text.for_markdown(personal.HIDDEN) == "жашырылды: жеке маалыматка окшош"
        assert text.for_plotly(personal.HIDDEN) == "жашырылды: жеке маалыматка окшош"
    finally:
        text.set_reader_language("ru")


def test_no_sheet_text_can_pass_for_the_marker() -> None:
    from utils.sheet.parse import _read_free_text

    typed = personal.HIDDEN  # an editor pasting the marker's characters
    read = _read_free_text(typed)
    assert read.value == "personal-data" and read.warning is None
    assert text.for_markdown("personal-data") == "personal\\-data"


def test_a_workbook_without_personal_data_is_given_to_pages_as_it_is(sample_workbook) -> None:
    assert text.readable(sample_workbook, "en") is sample_workbook


def test_the_download_of_a_view_never_holds_the_value(seeded: tuple) -> None:
    """Frames leave through downloads as CSV: the reader's copy holds words, never digits."""
    workbook, _ = seeded
    shown = text.readable(workbook, "ru")["milestones"]
    buffer = io.StringIO()
    pd.DataFrame(shown).to_csv(buffer)
    assert "0555" not in buffer.getvalue()
    assert "скрыто: похоже на персональные данные" in buffer.getvalue()


def test_long_free_text_is_read_quickly() -> None:
    """Every text cell of every read passes the detector: a long note must stay cheap."""
    import time

    note = "Мониторинг 2025-Q3: 1 250 человек, 95-95-95, письмо №04-12/345. " * 200
    start = time.perf_counter()
    for _ in range(20):
        personal.kind_of(note)
    assert time.perf_counter() - start < 2.0  # ~0.2 s on one core; generous for a busy one
    assert personal.kind_of(note + " тел. 0555 123 456") == "phone"
    assert personal.kind_of(note) is None
