"""The Babel extractor for our message ids: ``t("key", …)``, ``tn("key", lang, n)``, ``N_("key")``.

Babel's own Python extractor reads tokens, so an id argument written ``"a.yes" if ok else "a.no"`` becomes the
one id "a.yesa.no". This one reads the syntax tree: a call to a keyword function whose first
argument is a string gives that id, and a conditional expression of strings gives each of them.
Ids built at run time (f-strings, variables) are marked with ``N_`` (``N_plural`` for a plural
id) in ``dynamic_ids.py``.
Registered as ``[tool.babel.extractors]`` in ``pyproject.toml``, so ``pybabel extract`` uses it.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Final

DRAFT: Final = "draft "
"""An extractor's comment ``draft ru: …`` is a first translation, copied into an empty entry."""


def _strings(node: ast.expr) -> list[str]:
    """The literal ids an argument can evaluate to: "a.b" or ("a.b" if c else "a.c")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def extract_keys(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str, tuple[str, ...], list[str]]]:
    """Yield (line, function, (id,), comments) for every id passed to a keyword function."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in keywords:
            for key in _strings(node.args[0]):
                yield node.lineno, name, (key,), []
