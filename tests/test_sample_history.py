"""The sample's earlier versions: a data file made once by the generator, read by the store.

The running app must not import the 1,200-line generator (``data/make_sample.py``) or its
history module: ``data/sample_history.xlsx`` is committed beside ``data/sample.xlsx``, and
these tests keep it equal to what the generator makes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from data.make_sample import HISTORY_OUT, build_sample
from data.sample_history import MEETINGS, history_grids, sample_history
from utils.analysis import milestones as m
from utils.sources.files import SAMPLE_HISTORY_PATH
from utils.store.load import sample_history as stored_history

ROOT = Path(__file__).resolve().parents[1]


def _as_read_back(cell: object) -> object:
    """What openpyxl returns for a written cell: dates come back as midnight datetimes."""
    if isinstance(cell, date) and not isinstance(cell, datetime):
        return datetime(cell.year, cell.month, cell.day)
    return cell


def test_the_committed_file_is_what_the_generator_makes() -> None:
    assert SAMPLE_HISTORY_PATH == HISTORY_OUT
    book = load_workbook(SAMPLE_HISTORY_PATH, read_only=True)
    try:
        on_disk = {
            sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    grids = history_grids(build_sample()["milestones"])
    assert list(on_disk) == ["2026-03-20", "2026-10-02"] == list(grids), (
        "tabs differ: run python data/make_sample.py"
    )
    for tab, rows in grids.items():
        expected = [[_as_read_back(c) for c in row] for row in rows]
        assert on_disk[tab] == expected, f"{tab} differs: run python data/make_sample.py"


def test_the_store_reads_the_same_versions_the_generator_describes() -> None:
    generated, stored = sample_history(), stored_history()
    assert [m.bishkek_day(when) for when, _ in stored] == [w.date() for w in MEETINGS]
    for (when, raw), (_saved, read) in zip(generated, stored, strict=True):
        pd.testing.assert_frame_equal(
            m.milestones_of(read, when.date()), m.milestones_of(raw, when.date())
        )


def test_a_missing_file_is_no_history(tmp_path: Path) -> None:
    assert stored_history(tmp_path / "absent.xlsx") == []


def _app_modules() -> list[str]:
    """Every module under utils/, and every module app.py and the pages import."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted((ROOT / "utils").rglob("*.py"))
    ]
    for script in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.append(node.module)
            elif isinstance(node, ast.Import):
                modules += [alias.name for alias in node.names]
    return sorted(set(modules))


def test_the_app_never_imports_the_sample_generator() -> None:
    modules = _app_modules()
    assert "utils.store.load" in modules and "utils.web.ui" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(n for n in sys.modules if n == 'data' or n.startswith('data.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout
