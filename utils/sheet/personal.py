"""Free text that looks like personal data: found, and never kept in the parsed workbook.

The people the dashboard serves are criminalised, so a phone number, an e-mail address, a
personal number or a passport number typed into a notes cell must never reach a cache, a view,
a download, the PDF or a browser. The parser (``utils/sheet/parse.py``) asks :func:`kind_of`
about every free-text cell; a cell it names is stored as :data:`HIDDEN` instead, and Sheet
health reports the cell (``problem.personal_data``) without quoting it.

What is recognised, on purpose generous where a miss would expose someone:

- ``phone``: Kyrgyz numbers (+996 555 12 34 56, 996555123456, 0555 123 456, 0 (312) 62-12-34),
  Russian ones (+7 912 345-67-89, 8 (912) 345-67-89), any international number written with
  "+" (8 to 15 digits), and any six digits or more after a word such as "тел.", "phone" or
  "WhatsApp";
- ``email``: name@host.tld, Cyrillic hosts included;
- ``personal_number``: the 14-digit personal number of Kyrgyzstan (ПИН, also the ИНН of a
  person): 1 or 2, the birth date as DDMMYYYY, then five digits;
- ``passport``: a Kyrgyz passport or ID card (AN, AC, ID followed by 7 digits, in Latin or
  Cyrillic letters), and any number of six digits or more after "паспорт" or "passport".

What is left alone, because the sheet is full of it: dates (01.02.2025, 2025-02-01 and with a
time), money and counts with thousands spaces (1 500 сом, 150 000 просмотров), years, quarters
(2025-Q3, 3 кв. 2025), percentages, 95-95-95, indicator ids and numbers in a sentence.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final, Literal

Kind = Literal["phone", "email", "personal_number", "passport"]

HIDDEN: Final = "\ue000personal-data\ue000"
"""What the workbook holds instead of such a cell. The private-use character U+E000 at both
ends is removed from every cell the parser reads, so no sheet text can ever equal the marker;
the renderers show it as the words "hidden: looks like personal data" in the reader's language
(``utils/render/text.py``)."""

MARK_CHAR: Final = "\ue000"

_EMAIL: Final = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)

# A run of digits that may be a phone number: digits, spaces, dashes and brackets, optionally
# after a "+". Dots, commas and colons end a run, so dates (01.02.2025), decimals (1,5) and
# times (10:40) never join into one.
_DIGIT_RUN: Final = re.compile(r"(?<![\w+])\+?\s?\(?\d[\d \u00a0\u202f\-()]{5,}\d(?![\w])")

# Thousands written with spaces (1 500, 150 000, 12 345 678): a count or a sum, never a phone.
_GROUPED: Final = re.compile(r"^[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+$")

# A date inside a run (01-02-2025 10, 2025-02-01): the run is a date, not a phone.
_DATE_INSIDE: Final = re.compile(
    r"\b(?:(\d{1,2})[-/](\d{1,2})[-/]\d{4}|\d{4}-(\d{1,2})-(\d{1,2}))\b"
)

_PHONE_WORD: Final = re.compile(
    r"(?i)(?:\bтел\b\.?|телефон\w*|\bмоб\b\.?|мобильн\w*|phone|\btel\b\.?|whats\s?app|"
    r"ватсап|вотсап|telegram|телеграм\w*|номер\w*\s+тел\w*)"
    r"[\s:.#№\-–]*(\+?[\d][\d \u00a0\-()]{4,}\d)"
)

_PASSPORT_WORD: Final = re.compile(
    r"(?i)(?:паспорт\w*|passport|id[-\s]?карт\w*|id card)[\s:.#№\-–]*"
    r"(?:(?:no|nr|номер|серия)\.?\s*)?(?:[A-Za-zА-Яа-я]{1,2}\s?)?(\d[\d \u00a0]{4,}\d)"
)

# Cheap substring tests first: the word patterns are slow on a long note without those words.
_PHONE_WORDS: Final = ("тел", "моб", "phone", "tel", "whats", "ватсап", "вотсап", "номер")
_PASSPORT_WORDS: Final = ("паспорт", "passport", "id")

# Kyrgyz passports and ID cards: AN 1234567, AC1234567, ID1234567 (Latin or Cyrillic letters).
_PASSPORT_KG: Final = re.compile(r"(?i)(?<![\w])(?:AN|AC|ID|АН|АС|ІD)\s?№?\s?\d{7}(?!\d)")

_FOURTEEN: Final = re.compile(r"(?<!\d)([12])(\d{2})(\d{2})(\d{4})\d{5}(?!\d)")


def _is_phone_run(run: str) -> bool:
    """True when a run of digits and separators is written the way a phone number is."""
    text = run.strip()
    digits = re.sub(r"\D", "", text)
    if any(_is_day_and_month(*m.groups()) for m in _DATE_INSIDE.finditer(text)):
        return False
    if text.startswith("+"):
        return 8 <= len(digits) <= 15
    if _GROUPED.match(text):
        return False
    if len(digits) == 12 and digits.startswith("996"):
        return True
    if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
        return True  # Kyrgyz: 0 + operator or city code + number
    return len(digits) == 11 and digits[0] in "78" and digits[1] != "0"  # Russian 8 / 7


def _is_day_and_month(
    day: str | None, month: str | None, iso_month: str | None, iso_day: str | None
) -> bool:
    """True when a date-shaped group holds a real day and month (62-12-34 is no date)."""
    d, m = (day, month) if day is not None else (iso_day, iso_month)
    return 1 <= int(d or 0) <= 31 and 1 <= int(m or 0) <= 12


def _is_birth_date(day: str, month: str, year: str) -> bool:
    """True when DD, MM and YYYY make a real date between 1900 and 2030."""
    try:
        return 1900 <= int(year) <= 2030 and bool(date(int(year), int(month), int(day)))
    except ValueError:
        return False


def kind_of(text: object) -> Kind | None:
    """Which kind of personal data ``text`` holds, or None when it looks like none."""
    if not isinstance(text, str) or len(text) < 6:
        return None
    if "@" in text and _EMAIL.search(text):
        return "email"
    for found in _FOURTEEN.finditer(text):
        if _is_birth_date(found.group(2), found.group(3), found.group(4)):
            return "personal_number"
    folded = text.casefold()
    if _PASSPORT_KG.search(text) or (
        any(w in folded for w in _PASSPORT_WORDS) and _PASSPORT_WORD.search(text)
    ):
        return "passport"
    if any(w in folded for w in _PHONE_WORDS) and _PHONE_WORD.search(text):
        return "phone"
    if any(_is_phone_run(m.group(0)) for m in _DIGIT_RUN.finditer(text)):
        return "phone"
    return None


def looks_personal(text: object) -> bool:
    """True when ``text`` looks like it holds a phone, e-mail, personal or passport number."""
    return kind_of(text) is not None


def is_hidden(value: object) -> bool:
    """True for the marker a hidden cell holds (:data:`HIDDEN`)."""
    return isinstance(value, str) and value == HIDDEN
