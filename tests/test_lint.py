"""ruff keeps the code in one style; the README's test command runs it with every other test."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    "args", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"]
)
def test_ruff_is_clean(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layer_contracts_hold() -> None:
    """import-linter checks the layers of docs/ARCHITECTURE.md ([tool.importlinter])."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_a_broken_layer_rule_is_caught(tmp_path: Path) -> None:
    """The contracts bite: with the layers of analysis and sheet swapped, analysis (which
    reads the contract) imports a layer above it, and lint-imports fails."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    swapped = text.replace('    "utils.analysis",\n', "@").replace(
        '    "utils.sheet",\n', '    "utils.analysis",\n'
    )
    config = tmp_path / "contracts.toml"
    config.write_text(swapped.replace("@", '    "utils.sheet",\n'), encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache", str(config)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "data path: each layer imports only the layers beneath it BROKEN" in result.stdout
    assert "is not allowed to import utils.sheet" in result.stdout


# Calls that touch the disk; only the sources and the store may make them (docs/ARCHITECTURE.md),
# and utils/i18n, which reads its own catalogues (locales/) and whose sync command writes them.
_DISK_CALLS = frozenset(
    {"open", "read_text", "read_bytes", "write_text", "write_bytes", "is_file", "exists",
     "mkdir", "glob", "iterdir", "unlink", "listdir", "scandir"}
)  # fmt: skip
_MAY_TOUCH_DISK = ("sources", "store", "i18n")
# Command-line entries that write the file they were asked for (python -m utils.pack --out …).
_CLI_WRITERS = ("pack/__main__.py",)


def _disk_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append(f"{path.name}:{node.lineno} open()")
        elif isinstance(func, ast.Attribute) and func.attr in _DISK_CALLS:
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in ("cells", "re", "st"):
                continue  # cells.read_text reads one cell; re and st are not the disk
            found.append(f"{path.name}:{node.lineno} .{func.attr}()")
    return found


def test_nothing_touches_the_disk_outside_sources_and_store() -> None:
    found = []
    for path in sorted((ROOT / "utils").rglob("*.py")):
        relative = path.relative_to(ROOT / "utils")
        if relative.parts[0] not in _MAY_TOUCH_DISK and relative.as_posix() not in _CLI_WRITERS:
            found += _disk_calls(path)
    assert found == []


def test_the_disk_scan_sees_a_file_read(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("from pathlib import Path\nPath('x').read_text()\nopen('y')\n")
    assert len(_disk_calls(planted)) == 2
