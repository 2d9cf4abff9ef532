"""The template workbook editors download: built from the contract, so it never drifts from it.

Every tab with its headers, a comment on each header (English and Russian), drop-down lists for
columns with allowed values, number and date formats, and a "How to fill this in" tab.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Final

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from utils.sheet import texts
from utils.sheet.contract import TABS, TABS_BY_NAME, Column, Tab
from utils.sheet.regions import allowed_region_spellings

HOW_TO_TITLE: Final = "How to fill this in"
LISTS_TITLE: Final = "lists"
ROWS: Final = 2000  # rows the drop-downs and formats cover below the header
FIXED_TIME: Final = datetime(2025, 1, 1)  # document times: no machine clock in the file

# Percentages and periods are kept as text: a spreadsheet turns "45%" into 0.45 and "2025-03"
# into a date, and the dashboard reads both correctly only as the editor typed them.
NUMBER_FORMATS: Final = {
    "number": "General",
    "integer": "0",
    "percent": "@",
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
    "period": "@",
    "id": "@",
    "text": "@",
    "region": "@",
    "enum": "@",
    "bool": "@",
}

# (English, Russian) explanation of each kind of column, for comments and the how-to tab.
KIND_HELP: Final[dict[str, tuple[str, str]]] = {
    "text": ("Free text.", "Свободный текст."),
    "id": ("A short id, no spaces needed.", "Короткий код."),
    "number": (
        "A number: 12,5 or 12.5; thousands may be grouped with a space (1 234).",
        "Число: 12,5 или 12.5; тысячи можно отделять пробелом (1 234).",
    ),
    "integer": ("A whole number.", "Целое число."),
    "percent": (
        "A percentage 0–100: 45, 45% or 45 %.",
        "Процент 0–100: 45, 45% или 45 %.",
    ),
    "date": (
        "A date: 01.02.2025 (day first) or 2025-02-01.",
        "Дата: 01.02.2025 (сначала день) или 2025-02-01.",
    ),
    "datetime": (
        "A date and time, Bishkek time: 14.03.2025 10:40.",
        "Дата и время по Бишкеку: 14.03.2025 10:40.",
    ),
    "period": (
        "A year (2025), quarter (2025-Q3) or month (2025-03).",
        "Год (2025), квартал (2025-Q3) или месяц (2025-03).",
    ),
    "region": (
        "A region, in English, Russian or Kyrgyz.",
        "Регион на русском, кыргызском или английском.",
    ),
    "enum": ("One value from the drop-down list.", "Одно значение из выпадающего списка."),
    "bool": ("yes or no (да / нет).", "да или нет (yes / no)."),
}

HOW_TO_INTRO: Final = (
    (
        "This workbook feeds the United Voices dashboard. Keep the tab names and the header "
        "row; the order of columns does not matter and headers may also be written in Russian.",
        "Эта таблица — источник данных панели United Voices. Не меняйте названия вкладок и "
        "строку заголовков; порядок столбцов не важен, заголовки можно писать и по-русски.",
    ),
    (
        "One row per record, no merged cells, no totals rows. Leave a cell empty, or write “-” "
        "or “н/д”, when there is no data.",
        "Одна строка на запись, без объединённых ячеек и без строк «итого». Если данных нет, "
        "оставьте ячейку пустой или напишите «-» или «н/д».",
    ),
    (
        "Numbers: 12,5 and 12.5 both mean twelve and a half; 1 234 is one thousand two hundred "
        "and thirty-four. Do not write 1,234: it could mean either, and it will not be used.",
        "Числа: 12,5 и 12.5 — это двенадцать с половиной; 1 234 — тысяча двести тридцать "
        "четыре. Не пишите 1,234: это можно прочитать двояко, и значение не будет использовано.",
    ),
    (
        "Percentages: 45, 45% or 45 % (from 0 to 100). Dates: 01.02.2025 (day first) or "
        "2025-02-01; never 01/02/2025. Periods: 2025, 2025-Q3 or 2025-03.",
        "Проценты: 45, 45% или 45 % (от 0 до 100). Даты: 01.02.2025 (сначала день) или "
        "2025-02-01; не 01/02/2025. Периоды: 2025, 2025-Q3 или 2025-03.",
    ),
    (
        "A value the dashboard cannot read with certainty is never guessed: it is left out "
        "and listed on the Sheet health page with its cell, so it can be fixed.",
        "Значение, которое панель не может прочитать однозначно, не угадывается: оно не "
        "используется и показывается на странице «Проверка таблицы» с адресом ячейки.",
    ),
    (
        "Counts are aggregates only: never a name or anything that identifies a person.",
        "Только обобщённые числа: никаких имён и ничего, что позволяет узнать человека.",
    ),
    (
        "Free text (notes, sites, actions) never holds a phone number, an e-mail address, a "
        "personal number (PIN) or a passport number: such a cell is hidden on every page and "
        "listed on the Sheet health page until it is removed.",
        "В свободном тексте (примечания, учреждения, действия) не пишите телефоны, e-mail, ПИН "
        "и номера паспортов: такая ячейка скрыта на всех страницах и показана на странице "
        "«Проверка таблицы», пока данные не удалены.",
    ),
)

HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL: Final = PatternFill("solid", fgColor="FCE4D6")


def _russian_first(lang_hint: str | None) -> bool:
    """Russian before English for Russian and Kyrgyz readers (the contract has no Kyrgyz help)."""
    return lang_hint in ("ru", "ky")


def _pair(en: str, ru: str, lang_hint: str | None) -> str:
    """Two languages, the reader's first."""
    return f"{ru}\n\n{en}" if _russian_first(lang_hint) else f"{en}\n\n{ru}"


def column_note(tab: Tab, column: Column, lang_hint: str | None = None) -> str:
    """The comment on a header cell: what goes in the column, in English and Russian."""
    kind_en, kind_ru = KIND_HELP[column.kind]
    en = f"{column.help_en} {kind_en}"
    ru = f"{texts.column_help(tab, column, 'ru')} {kind_ru}"
    if column.required:
        en += " Required column."
        ru += " Обязательный столбец."
    if column.not_null:
        en += " A row without it is not used."
        ru += " Строка без него не используется."
    if column.example:
        en += f" Example: {column.example}"
        ru += f" Пример: {column.example}"
    return _pair(en, ru, lang_hint)


def _list_values(column: Column, lang_hint: str | None) -> list[str] | None:
    """The drop-down values of a column, or None when it has no fixed list."""
    lang = lang_hint if lang_hint in ("en", "ru", "ky") else "en"
    if column.kind == "region":
        return allowed_region_spellings(lang)
    if column.kind == "bool":
        return ["да", "нет"] if _russian_first(lang_hint) else ["yes", "no"]
    if column.choices:
        return [choice.name(lang) for choice in column.choices]
    return None


# Columns whose values are ids defined in another tab: the drop-down reads that tab's range.
REFERENCES: Final = {
    "indicator": ("catalog", "id"),
    "election": ("elections", "id"),
    "finding_id": ("findings", "id"),
    "milestone_id": ("milestones", "id"),
}


def _reference(tab: str, column: str) -> str | None:
    """A range formula pointing at the ids another tab defines (indicator ids, election ids)."""
    if column not in REFERENCES or REFERENCES[column][0] == tab:
        return None
    owner, source = REFERENCES[column]
    letter = get_column_letter(TABS_BY_NAME[owner].column_names.index(source) + 1)
    return f"{quote_sheetname(owner)}!${letter}$2:${letter}${ROWS + 1}"


def _validation(formula: str, column: Column, lang_hint: str | None) -> DataValidation:
    """A drop-down that warns (but lets the editor keep another accepted spelling)."""
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,  # (sic) in OOXML this hides the arrow when True
        showErrorMessage=True,
        errorStyle="warning",
    )
    validation.errorTitle = column.name
    validation.error = _pair(
        "Not in the list. Keep it only if it is another accepted spelling.",
        "Нет в списке. Оставьте, только если это другое допустимое написание.",
        lang_hint,
    )
    return validation


def _write_lists(book: Workbook, lang_hint: str | None) -> dict[tuple[str, str], str]:
    """A hidden tab holding every drop-down list; returns (tab, column) -> range formula."""
    sheet = book.create_sheet(LISTS_TITLE)
    sheet.sheet_state = "hidden"
    ranges: dict[tuple[str, str], str] = {}
    by_values: dict[tuple[str, ...], str] = {}
    for tab in TABS:
        for column in tab.columns:
            values = _list_values(column, lang_hint)
            if not values:
                continue
            key = tuple(values)
            if key not in by_values:
                index = len(by_values) + 1
                letter = get_column_letter(index)
                sheet.cell(row=1, column=index, value=column.name)
                for offset, value in enumerate(values, start=2):
                    sheet.cell(row=offset, column=index, value=value)
                by_values[key] = (
                    f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${len(values) + 1}"
                )
            ranges[(tab.name, column.name)] = by_values[key]
    return ranges


def _write_tab(
    sheet: Worksheet, tab: Tab, lists: dict[tuple[str, str], str], lang_hint: str | None
) -> None:
    """Headers with comments, formats and drop-downs for one contract tab."""
    for index, column in enumerate(tab.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        comment = Comment(column_note(tab, column, lang_hint), "United Voices")
        comment.width, comment.height = 320, 200
        cell.comment = comment
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.name) + 6))
        # A column style (not 2000 styled cells): new cells typed in the column take it on,
        # and the file holds no empty rows that a reader would have to skip.
        sheet.column_dimensions[letter].number_format = NUMBER_FORMATS[column.kind]
        formula = lists.get((tab.name, column.name)) or _reference(tab.name, column.name)
        if formula:
            validation = _validation(formula, column, lang_hint)
            validation.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _write_how_to(sheet: Worksheet, lang_hint: str | None) -> None:
    """The "How to fill this in" tab, in English and Russian."""
    wrap = Alignment(wrap_text=True, vertical="top")
    ru_first = _russian_first(lang_hint)
    first, second = ("Русский", "English") if ru_first else ("English", "Русский")
    sheet.append(["United Voices", first, second])
    for cell in sheet[1]:
        cell.font = Font(bold=True, size=13)
    for en, ru in HOW_TO_INTRO:
        sheet.append(["", *((ru, en) if ru_first else (en, ru))])
    sheet.append([])
    sheet.append(["tab / column", "", ""])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for tab in TABS:
        required = "" if tab.required else " (optional · необязательная)"
        help_ru = texts.tab_help(tab, "ru")
        sheet.append(
            [
                tab.name + required,
                *((help_ru, tab.help_en) if ru_first else (tab.help_en, help_ru)),
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for column in tab.columns:
            kind_en, kind_ru = KIND_HELP[column.kind]
            en = f"{column.help_en} {kind_en}" + (" Required." if column.required else "")
            ru = f"{texts.column_help(tab, column, 'ru')} {kind_ru}" + (
                " Обязательный." if column.required else ""
            )
            sheet.append([f"  {column.name}", *((ru, en) if ru_first else (en, ru))])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 70
    sheet.freeze_panes = "A2"


def build_template(lang_hint: str | None = None) -> bytes:
    """The template workbook as .xlsx bytes; ``lang_hint`` (en, ru, ky) orders the languages."""
    book = Workbook()
    how_to = book.active
    how_to.title = HOW_TO_TITLE
    _write_how_to(how_to, lang_hint)
    lists = _write_lists(book, lang_hint)
    for tab in TABS:
        _write_tab(book.create_sheet(tab.name), tab, lists, lang_hint)
    book.move_sheet(LISTS_TITLE, offset=len(book.sheetnames))  # keep the hidden tab last
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
