"""Sheet health: every problem of a workbook in plain words, for the page and the command line.

    python -m utils.editors.check data/sample.xlsx            # a local workbook
    python -m utils.editors.check path/to/csv-folder --lang ru
    python -m utils.editors.check sheet --strict              # the configured Google Sheet

Exit codes: 0 when nothing blocks (warnings allowed), 1 when a value could not be used (or, with
``--strict``, when there is any warning), 2 when the source itself cannot be read. The pure
helpers (``report_rows``, ``tab_summaries``, ``expected_text``) are what the Sheet health page
shows, so the page and the command line can never disagree.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from utils.editors.monitoring import with_loop_checks
from utils.i18n import LANGUAGES, fmt_number, t, tn
from utils.sheet import cells, texts
from utils.sheet.contract import (
    FINDING_STATUSES,
    PEOPLE_COUNTS,
    TABS,
    TABS_BY_NAME,
    Column,
    Tab,
    choice_candidates,
    choice_name,
)
from utils.sheet.parse import PERSONAL_DATA, Problem, Workbook, parse_workbook
from utils.sheet.regions import region_candidates, region_name
from utils.sheet.schemas import is_essential
from utils.sources.base import Source, SourceError
from utils.sources.files import SAMPLE_PATH, CsvFolderSource, XlsxSource
from utils.sources.gsheets import GoogleSheetSource

log = logging.getLogger("united_voices.check")

SEVERITIES: Final = ("error", "warning")
EXIT_OK: Final = 0
EXIT_PROBLEMS: Final = 1
EXIT_UNREADABLE: Final = 2
SECRETS_PATH: Final = Path(".streamlit") / "secrets.toml"

# The parser states a few numbers only inside its English ``expected`` text; these pull them out
# so each language can say them in its own words (the English text stays the fallback).
_NUMBER_IN: Final[Mapping[str, re.Pattern[str]]] = {
    "numerator_above_denominator": re.compile(r"denominator (-?[\d.]+(?:e[+-]?\d+)?)"),
    "value_mismatch": re.compile(r"^(-?[\d.]+(?:e[+-]?\d+)?),"),
    "jump": re.compile(r"period's (-?[\d.]+(?:e[+-]?\d+)?):"),
    "duplicate_row": re.compile(r"row (\d+)"),
}
_ROWS_IN: Final = re.compile(r"rows (\d+(?:, \d+)+)")
"""The rows of a conflicting key, as ``schemas._report_duplicates`` lists them."""

_STATUS_IN: Final = re.compile(r", (\w+) \(actions (\w*)\)")
"""The status used and the action's cell, as ``utils.editors.monitoring`` states them."""


@dataclass(frozen=True)
class TabSummary:
    """One line per tab: how much was read and used, and how many problems it has."""

    tab: str
    title: str | None  # the tab's title in the source; None when the tab is absent
    rows_read: int
    rows_used: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class ReportRow:
    """One problem as a person reads it: where, what was found, what is expected."""

    tab: str
    severity: str
    cell: str
    column: str
    value: str
    expected: str
    link: str | None = None
    outcome: str = ""  # what became of it: "Value not used…", "Row not used…", or "" (used)


def _help(tab: Tab, column: Column | None, lang: str) -> str:
    """The contract's help text of a column, or of the tab when ``column`` is None, in ``lang``."""
    return texts.tab_help(tab, lang) if column is None else texts.column_help(tab, column, lang)


def _column(problem: Problem) -> Column | None:
    """The contract column a problem points at, if any."""
    tab = TABS_BY_NAME.get(problem.tab)
    if tab is None or problem.column is None:
        return None
    try:
        return tab.column(problem.column)
    except KeyError:
        return None


def _number(value: float, lang: str) -> str:
    """A number from the parser's text, written for the locale with up to one decimal."""
    return fmt_number(value, lang, 0 if float(value).is_integer() else 1)


def _bounds(column: Column | None, lang: str) -> str:
    """The allowed range of a column in words ("from 0 to 100")."""
    low = column.minimum if column else None
    high = column.maximum if column else None
    if low is not None and high is not None:
        return t("health.bounds.between", lang, low=_number(low, lang), high=_number(high, lang))
    if low is not None:
        return t("health.bounds.at_least", lang, low=_number(low, lang))
    if high is not None:
        return t("health.bounds.at_most", lang, high=_number(high, lang))
    return ""


def expected_text(problem: Problem, lang: str, mask_below: int | None = None) -> str:
    """What the editor should write instead, translated; the parser's English as a fallback.

    With ``mask_below``, a count of people quoted from another cell (the denominator, the
    previous period's figure) below that threshold reads "<k"."""
    key = f"problem.{problem.code}"
    try:
        t(key, lang)
    except KeyError:
        log.warning("no translation for problem code %s", problem.code)
        return problem.expected
    tab = TABS_BY_NAME.get(problem.tab)
    column = _column(problem)
    params: dict[str, object] = {}
    if problem.code == "not_allowed" and column is not None:
        params["allowed"] = ", ".join(choice.name(lang) for choice in column.choices)
    elif problem.code == "out_of_range":
        params["bounds"] = _bounds(column, lang)
    elif problem.code in ("ambiguous_region", "ambiguous_choice"):
        params |= _ambiguity(problem, column, lang)
        if not params:
            return problem.expected
    elif problem.code in ("required_missing", "header_duplicate"):
        params["column"] = problem.column or ""
    elif problem.code == "header_missing":
        params["column"] = problem.column or ""
        params["help"] = _help(tab, column, lang) if tab and column else ""
    elif problem.code == "header_unknown":
        params["columns"] = ", ".join(tab.column_names) if tab else ""
    elif problem.code in ("tab_missing", "tab_duplicate"):
        params["tab"] = problem.tab
        params["help"] = _help(tab, None, lang) if tab else ""
    elif problem.code == "duplicate_key":
        found = _ROWS_IN.search(problem.expected)
        if found is None or tab is None:
            return problem.expected
        rows = found.group(1).split(", ")
        params["rows"] = ", ".join(rows[:-1]) + t("health.and", lang) + rows[-1]
        params["key"] = ", ".join(tab.unique_key)
    elif problem.code == PERSONAL_DATA:
        kind = problem.expected.split(" in this cell")[0].removeprefix("no ").replace(" ", "_")
        params["what"] = t(f"health.personal.{kind}", lang)
    elif problem.code == "status_disagrees":
        stated = _STATUS_IN.search(problem.expected)
        if stated is None:
            return problem.expected
        params["status"] = choice_name(FINDING_STATUSES, stated.group(1), lang)
        params["cell"] = stated.group(2)
    elif problem.code in _NUMBER_IN:
        found = _NUMBER_IN[problem.code].search(problem.expected)
        if found is None:
            return problem.expected
        number = float(found.group(1))
        name = {
            "numerator_above_denominator": "denominator",
            "value_mismatch": "computed",
            "jump": "previous",
        }.get(problem.code, "first")
        params[name] = str(int(number)) if name == "first" else _number(number, lang)
        quoted_count = name in ("denominator", "previous") and (problem.tab, "numerator") in (
            PEOPLE_COUNTS
        )
        if mask_below is not None and quoted_count and abs(number) < mask_below:
            params[name] = f"<{mask_below}"
        if tab is not None:
            params["key"] = ", ".join(tab.unique_key)
    try:
        return t(key, lang, **params)
    except (KeyError, IndexError):  # a placeholder the code above did not fill
        return problem.expected


def _ambiguity(problem: Problem, column: Column | None, lang: str) -> dict[str, str]:
    """For a spelling that fits several units or values: which ones, which was read, and the
    unambiguous names to write instead (each of them fits one only)."""
    if problem.code == "ambiguous_region":
        names = [region_name(key, lang) for key in region_candidates(problem.value)]
    elif column is not None:
        keys = choice_candidates(column, problem.value)
        names = [choice_name(column.choices, key, lang) for key in keys]
    else:
        names = []
    if len(names) < 2:
        return {}
    quoted = [t("health.quoted", lang, text=name) for name in names]
    return {"units": ", ".join(names), "chosen": names[0], "spellings": " / ".join(quoted)}


def outcome_text(problem: Problem, lang: str) -> str:
    """What became of a problem cell, in words: its value blanked, or its whole row left out
    (and why: a column every row needs, or no other figure); "" when it was used as read."""
    if problem.outcome == "value":
        return t("health.outcome.value", lang)
    if problem.outcome != "row":
        return ""
    tab = TABS_BY_NAME.get(problem.tab)
    if problem.code.startswith("duplicate_") or tab is None or problem.column is None:
        return t("health.outcome.row", lang)
    if is_essential(tab, problem.column):
        return t("health.outcome.row_needs", lang, column=problem.column)
    return t("health.outcome.row_figure", lang)


def shown_value(problem: Problem, lang: str, mask_below: int | None = None) -> str:
    """The value found, as plain text; "(empty)" for an empty cell; "<k" for a small count
    of people when ``mask_below`` is set (any digits in such a cell are withheld)."""
    if problem.code == PERSONAL_DATA:  # never quoted: the words say why
        return t("text.personal_hidden", lang)
    if problem.code == "status_disagrees":
        return choice_name(FINDING_STATUSES, problem.value, lang)
    if not problem.value.strip():
        return t("health.empty_value", lang)
    if mask_below is not None and (problem.tab, problem.column) in PEOPLE_COUNTS:
        return _masked(problem.value, mask_below)
    return problem.value


def _masked(text: str, threshold: int) -> str:
    """A count cell as a reader who is not an editor may see it: large numbers as typed,
    anything else with a digit in it as "<k" (a small count, or text that may hide one)."""
    read = cells.read_number(text)
    if read.ok and isinstance(read.value, float) and abs(read.value) >= threshold:
        return text
    return f"<{threshold}" if any(ch.isdigit() for ch in text) else text


def cell_link(source: object, tab_title: str | None, cell: str) -> str | None:
    """A link opening the Google Sheet at ``cell``, or None for any other source.

    The Google source is asked for the link (``cell_url(tab_title, cell)``) because only it
    knows the spreadsheet and the tab's id; the key is never shown as text, only as a link.
    """
    if not isinstance(source, GoogleSheetSource) or not tab_title or not cell:
        return None
    url_for = getattr(source, "cell_url", None)
    if not callable(url_for):
        return None
    try:
        url = url_for(tab_title, cell)
    except Exception:  # a link is a convenience: never let it break the report
        log.exception("could not build a link to the cell")
        return None
    return url if isinstance(url, str) and url.startswith("https://") else None


def tab_summaries(workbook: Workbook) -> list[TabSummary]:
    """One summary per contract tab, in contract order."""
    out = []
    for tab in TABS:
        stats = workbook.stats[tab.name]
        mine = [p for p in workbook.problems if p.tab == tab.name]
        out.append(
            TabSummary(
                tab=tab.name,
                title=stats.title,
                rows_read=stats.rows_read,
                rows_used=stats.rows_used,
                errors=sum(p.severity == "error" for p in mine),
                warnings=sum(p.severity == "warning" for p in mine),
            )
        )
    return out


def report_rows(
    workbook: Workbook, lang: str, source: object = None, *, mask_below: int | None = None
) -> list[ReportRow]:
    """Every problem in plain words, grouped by tab (contract order) then severity.

    With ``mask_below`` (a threshold), count cells of people are not quoted as typed: a number
    below it reads "<k", and so does one quoted in the explanation; the cell reference and
    the problem stay as clear (for readers who are not signed-in editors, docs/PRIVACY.md).
    """
    order = {tab.name: i for i, tab in enumerate(TABS)}
    ranked = sorted(
        enumerate(workbook.problems),
        key=lambda item: (order.get(item[1].tab, 99), SEVERITIES.index(item[1].severity), item[0]),
    )
    rows = []
    for _, problem in ranked:
        title = workbook.stats[problem.tab].title if problem.tab in workbook.stats else None
        rows.append(
            ReportRow(
                tab=problem.tab,
                severity=problem.severity,
                cell=problem.cell or t("health.whole_tab", lang),
                column=problem.column or "",
                value=shown_value(problem, lang, mask_below),
                expected=expected_text(problem, lang, mask_below),
                link=cell_link(source, title, problem.cell),
                outcome=outcome_text(problem, lang),
            )
        )
    return rows


def as_records(rows: Iterable[ReportRow]) -> list[dict[str, str | None]]:
    """Report rows as plain records for a table (every value already plain text)."""
    return [
        {
            "cell": row.cell,
            "column": row.column,
            "value": row.value,
            "outcome": row.outcome,
            "expected": row.expected,
            "link": row.link,
        }
        for row in rows
    ]


def exit_code(workbook: Workbook, *, strict: bool = False) -> int:
    """1 when a value was not used (or, strictly, any warning), else 0."""
    if workbook.errors or (strict and workbook.problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def summary_line(summary: TabSummary, lang: str) -> str:
    """The per-tab line: rows read and used, errors and warnings."""
    if summary.title is None:
        return t("health.tab_absent", lang)
    return t(
        "health.tab_summary",
        lang,
        rows_read=tn("health.tab.rows_read", lang, summary.rows_read),
        rows_used=tn("health.tab.rows_used", lang, summary.rows_used),
        errors=tn("health.tab.errors", lang, summary.errors),
        warnings=tn("health.tab.warnings", lang, summary.warnings),
    )


def summary_text(errors: int, warnings: int, lang: str) -> str:
    """The whole sheet's count of errors (values not used) and warnings (used, to check)."""
    return t(
        "health.summary",
        lang,
        errors=tn("health.summary.errors", lang, errors),
        warnings=tn("health.summary.warnings", lang, warnings),
    )


def tab_heading(summary: TabSummary, lang: str) -> str:
    """The tab's contract name, with its title in the sheet when that differs."""
    if summary.title is None or summary.title == summary.tab:
        return summary.tab
    return t("health.tab_title", lang, tab=summary.tab, title=summary.title)


def format_report(workbook: Workbook, lang: str, source_label: str) -> str:
    """The whole report as plain text, as the command line prints it."""
    lines = [t("health.cli.source", lang, source=source_label)]
    errors = len(workbook.errors)
    lines.append(
        summary_text(errors, len(workbook.problems) - errors, lang)
        if workbook.problems
        else t("health.all_clear", lang)
    )
    rows = report_rows(workbook, lang)
    for summary in tab_summaries(workbook):
        lines += ["", f"{tab_heading(summary, lang)}: {summary_line(summary, lang)}"]
        for severity in SEVERITIES:
            mine = [r for r in rows if r.tab == summary.tab and r.severity == severity]
            if not mine:
                continue
            lines.append(f"  {t(f'health.severity.{severity}', lang)}")
            for row in mine:
                where = f"{row.cell} ({row.column})" if row.column else row.cell
                said = f"{row.outcome} {row.expected}" if row.outcome else row.expected
                lines.append(f"    {where}: «{row.value}» → {said}")
    return "\n".join(lines)


# --- The command line ---------------------------------------------------------------------------


def _secrets(path: Path) -> Mapping[str, Any]:
    """``.streamlit/secrets.toml`` as a mapping; empty when absent (read by the store)."""
    from utils.store.settings import read_secrets_file

    return read_secrets_file(path)


def open_source(spec: str, *, environ: Mapping[str, str] | None = None) -> Source:
    """The source named on the command line: "sheet", "sample", an .xlsx file or a CSV folder."""
    if spec == "sheet":
        from utils.store.settings import read_settings

        try:
            secrets = _secrets(SECRETS_PATH)
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise SourceError(f"{SECRETS_PATH} could not be read: {err}") from None
        settings = read_settings(secrets, os.environ if environ is None else environ)
        if settings.is_sample:
            raise SourceError(
                "No Google Sheet is configured: set [sheets] in .streamlit/secrets.toml "
                "or the UV_SHEET environment variable."
            )
        return settings.source
    if spec == "sample":
        return XlsxSource(SAMPLE_PATH, sample=True)
    path = Path(spec)
    if path.is_dir():
        return CsvFolderSource(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return XlsxSource(path)
    raise SourceError(
        f"{path.name} is neither an .xlsx workbook nor a folder of CSV files, nor 'sheet'."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Check a workbook and print the report; the return value is the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m utils.editors.check",
        description="Check the coalition workbook and list every problem cell by cell.",
    )
    parser.add_argument("source", help="an .xlsx file, a folder of CSV files, 'sheet' or 'sample'")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)
    try:
        source = open_source(args.source)
        raw = source.read()
    except SourceError as err:
        print(t("health.cli.unreadable", args.lang, reason=err.user_message), file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception:  # an unexpected failure is still "could not read", not a traceback
        log.exception("reading %s failed", args.source)
        print(t("health.cli.unreadable", args.lang, reason=args.source), file=sys.stderr)
        return EXIT_UNREADABLE
    workbook = with_loop_checks(parse_workbook(raw))
    print(format_report(workbook, args.lang, source.label))
    code = exit_code(workbook, strict=args.strict)
    if code and args.strict and not workbook.errors:
        print(t("health.cli.strict_failed", args.lang))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
