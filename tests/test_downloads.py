"""Downloads: hostile sheet text stays text in CSV and Excel, numbers stay numbers."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from utils.analysis.privacy import suppress, to_display
from utils.render.downloads import neutralise, safe_frame, to_csv_bytes, to_xlsx_bytes

# text as an editor could type it -> what the file must hold
HOSTILE = [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+1", "'+1"),
    ("-2+3", "'-2+3"),
    ("-5+cmd|' /C calc'!A0", "'-5+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\x01=1", "'=1"),  # a control character cannot hide a formula behind it
    ("#N/A", "#N/A"),  # an error code stays text
    ("Иссык-Куль, ЛУИН", "Иссык-Куль, ЛУИН"),
    ("Жалал-Абад — 3 %", "Жалал-Абад — 3 %"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("a=b", "a=b"),  # only the first character matters
    ("", ""),
]


def hostile_frame() -> pd.DataFrame:
    """One hostile text per row beside numbers that must stay numbers."""
    n = len(HOSTILE)
    return pd.DataFrame(
        {
            "text": [raw for raw, _ in HOSTILE],
            "count": np.arange(n, dtype="int64") - 5,  # includes negative numbers
            "rate": np.linspace(-2.5, 97.5, n),
            "=bad header": ["x"] * n,
            "регион": ["Нарын"] * n,
        }
    )


EXPECTED_HEADERS = ["text", "count", "rate", "'=bad header", "регион"]


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_neutralise(raw, expected):
    assert neutralise(raw) == expected


def test_safe_frame_escapes_text_only_and_leaves_input_alone():
    df = pd.DataFrame({"t": ["-5", "ok"], "n": [-5, 3], "mixed": [-5, "-5"]})
    before = df.copy()
    out = safe_frame(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["t"].tolist() == ["'-5", "ok"]
    assert out["n"].tolist() == [-5, 3] and out["n"].dtype == "int64"
    assert out["mixed"].tolist() == [-5, "'-5"]  # the number, then the text


def read_csv_rows(data: bytes, sep: str = ",") -> list[list[str]]:
    """Parse CSV bytes the way a spreadsheet would, after checking the BOM."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=sep))


def test_csv_round_trip_keeps_hostile_text_inert_and_numbers_numeric():
    df = hostile_frame()
    rows = read_csv_rows(to_csv_bytes(df))
    assert rows[0] == EXPECTED_HEADERS
    assert [r[0] for r in rows[1:]] == [expected for _, expected in HOSTILE]
    assert [int(r[1]) for r in rows[1:]] == df["count"].tolist()  # "-5" written bare
    assert [float(r[2]) for r in rows[1:]] == pytest.approx(df["rate"].tolist())
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or _is_number(cell), cell


def test_csv_for_russian_excel_uses_semicolon_and_decimal_comma():
    df = pd.DataFrame({"регион": ["Ош"], "охват": [45.5]})
    rows = read_csv_rows(to_csv_bytes(df, sep=";", decimal=","), sep=";")
    assert rows == [["регион", "охват"], ["Ош", "45,5"]]


def test_xlsx_round_trip_stores_text_as_text_and_numbers_as_numbers():
    df = hostile_frame()
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(df, "Охват"))).active
    assert sheet.title == "Охват"
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == EXPECTED_HEADERS
    for i, (_, expected) in enumerate(HOSTILE, start=1):
        text, count, rate = cells[i][0], cells[i][1], cells[i][2]
        # XML reads a stored "\r" back as "\n"; an empty string comes back as an empty cell.
        assert text.value == (expected.replace("\r", "\n") or None)
        if expected:
            assert text.data_type == "s"
        assert count.data_type == "n" and count.value == i - 1 - 5
        assert rate.data_type == "n" and rate.value == pytest.approx(df["rate"].iloc[i - 1])
    assert all(c.data_type != "f" for row in cells for c in row)
    assert sheet.freeze_panes == "A2"


def test_xlsx_never_holds_a_formula_even_for_text_that_stays_unescaped():
    # "#N/A" would become an error cell and "=" a formula if openpyxl were left to guess.
    df = pd.DataFrame({"a": ["#N/A", "=1+1"]})
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(df, "x"))).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ("#N/A", "s"),
        ("'=1+1", "s"),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Охват 2025", "Охват 2025"),
        ("a/b:c*d?[e]\\f", "a b c d  e  f"),
        ("'quoted'", "quoted"),
        ("x" * 40, "x" * 31),
        ("", "data"),
        ("///", "data"),
    ],
)
def test_xlsx_sheet_names_are_made_valid(name, expected):
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(pd.DataFrame({"a": [1]}), name))).active
    assert sheet.title == expected


def test_missing_values_dates_and_booleans():
    df = pd.DataFrame(
        {
            "n": [1.0, math.nan],
            "when": pd.to_datetime(["2025-03-01", None]).tz_localize("Asia/Bishkek"),
            "flag": [True, False],
            "note": ["ok", None],
        }
    )
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(df, "d"))).active
    second, third = list(sheet.iter_rows(min_row=2, values_only=True))
    assert second[0] == 1 and second[1].isoformat() == "2025-03-01T00:00:00" and second[2] is True
    assert third == (None, None, False, None)
    assert read_csv_rows(to_csv_bytes(df))[2] == ["", "", "False", ""]


def test_suppressed_table_downloads_with_marks_as_text():
    df = pd.DataFrame({"indicator": "ost", "region": ["Нарын", "Ош", "Чуй"], "n": [3, 25, 30]})
    table = to_display(suppress(df, count_cols=["n"], groups=[["indicator"]]))
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(table, "t"))).active
    column = [c for (c,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3)]
    assert [(c.value, c.data_type) for c in column] == [("<10", "s"), ("*", "s"), (30, "n")]
    rows = read_csv_rows(to_csv_bytes(table))
    assert [r[2] for r in rows[1:]] == ["<10", "*", "30"]


def _is_number(text: str) -> bool:
    """True if text parses as a number."""
    try:
        float(text)
    except ValueError:
        return False
    return True
