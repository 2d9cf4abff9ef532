"""The editors' guide (docs/EDITORS.md), read from disk for the Sheet health page.

Part of the store because it reads a file. The guide is the repository's own text, written by
the maintainers (not sheet text), so the page renders it as Markdown as it is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

GUIDE_PATH: Final = Path(__file__).resolve().parents[2] / "docs" / "EDITORS.md"


@cache
def editors_guide() -> str:
    """The guide's Markdown without its top heading (the page gives it its own), read once per
    process; "" when the file is missing from a deployment, so the page simply leaves it out."""
    try:
        text = GUIDE_PATH.read_text(encoding="utf-8")
    except OSError:
        return ""
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip()
