"""The contract's words in the reader's language: tab and column help, choice and region names.

The English of each text is the contract's (``contract.py``, ``regions.py``); the Russian and
Kyrgyz texts people read are entries of the gettext catalogues, under ids made from the contract:

- ``contract.tab.<tab>.help`` and ``contract.column.<tab>.<column>.help``,
- ``contract.choice.<set>.<key>``: ``<set>`` is the contract's name for the list of values
  (``COMMUNITIES`` -> ``communities``), or ``<tab>.<column>`` for a list only one column has,
- ``contract.region.<key>`` for the nine units and National.

Nobody lists these ids by hand: ``extract`` is the Babel extractor of the contract's files
(``[tool.babel.extractors]`` in ``pyproject.toml``), so ``python -m utils.i18n.catalogues_sync``
finds every tab, column and value the contract has, a new one included, writes the English of
each into ``en.po``, and copies the Russian or Kyrgyz the contract was written with (``help_ru``,
``Choice.ru``/``ky``, ``Region.name_ru``/``name_ky``) into an entry that is still empty: a first
draft. From then on the catalogue's text is the one shown, and translators own it
(docs/TRANSLATING.md). ``tests/test_contract_texts.py`` fails while a text has no entry.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from utils.i18n import t
from utils.i18n.extract import DRAFT, extract_keys
from utils.sheet import contract, regions
from utils.sheet.contract import Choice, Column, Tab


@dataclass(frozen=True)
class Entry:
    """One contract text: its catalogue id, its English, and the file that holds it."""

    key: str
    english: str
    file: str  # "contract.py" or "regions.py"
    drafts: tuple[tuple[str, str], ...] = ()  # (language, text) the contract was written with


@cache
def _set_names() -> Mapping[tuple[Choice, ...], str]:
    """Every list of values a column uses -> its part of the id, in contract order."""
    named = {
        value: name.lower()
        for name, value in vars(contract).items()
        if name.isupper()
        and isinstance(value, tuple)
        and value
        and all(isinstance(c, Choice) for c in value)
    }
    found: dict[tuple[Choice, ...], str] = {}
    for tab in contract.TABS:
        for column in tab.columns:
            if column.choices and column.choices not in found:
                found[column.choices] = named.get(column.choices, f"{tab.name}.{column.name}")
    return found


def tab_key(tab: Tab) -> str:
    """The catalogue id of a tab's help."""
    return f"contract.tab.{tab.name}.help"


def column_key(tab: Tab, column: Column) -> str:
    """The catalogue id of a column's help."""
    return f"contract.column.{tab.name}.{column.name}.help"


@cache
def _choice_keys() -> Mapping[Choice, str]:
    """Every allowed value of every column -> the catalogue id of its name."""
    return {
        choice: f"contract.choice.{name}.{choice.key}"
        for choices, name in _set_names().items()
        for choice in choices
    }


def region_key(key: str) -> str:
    """The catalogue id of a region's name ("KG-C" -> "contract.region.KG-C")."""
    return f"contract.region.{key}"


def entries() -> tuple[Entry, ...]:
    """Every text of the contract with its id and English, in contract order."""
    found: list[Entry] = []
    for tab in contract.TABS:
        found.append(Entry(tab_key(tab), tab.help_en, "contract.py", _drafts(ru=tab.help_ru)))
        found += [
            Entry(column_key(tab, c), c.help_en, "contract.py", _drafts(ru=c.help_ru))
            for c in tab.columns
        ]
    found += [
        Entry(key, choice.en, "contract.py", _drafts(ru=choice.ru, ky=choice.ky))
        for choice, key in _choice_keys().items()
    ]
    found += [
        Entry(region_key(r.key), r.name_en, "regions.py", _drafts(ru=r.name_ru, ky=r.name_ky))
        for r in regions.REGIONS
    ]
    return tuple(found)


def _drafts(**texts: str) -> tuple[tuple[str, str], ...]:
    """The translations a contract text was written with, the empty ones left out."""
    return tuple((lang, text) for lang, text in texts.items() if text)


@cache
def _by_key() -> Mapping[str, Entry]:
    return {entry.key: entry for entry in entries()}


def _text(key: str, english: str, lang: str) -> str:
    """The catalogue's text of a contract id; for an id the catalogues do not have yet (a tab
    added since the last sync) the contract's own draft in ``lang``, else its English."""
    if lang == "en":
        return english
    try:
        return t(key, lang)
    except KeyError:
        entry = _by_key().get(key)
        return dict(entry.drafts).get(lang, english) if entry else english


def tab_help(tab: Tab, lang: str) -> str:
    """What a tab holds, in ``lang``."""
    return _text(tab_key(tab), tab.help_en, lang)


def column_help(tab: Tab, column: Column, lang: str) -> str:
    """What goes in a column of ``tab``, in ``lang``."""
    return _text(column_key(tab, column), column.help_en, lang)


def choice_name(choice: Choice, lang: str) -> str:
    """The name of an allowed value in ``lang``."""
    key = _choice_keys().get(choice)
    return choice.en if key is None else _text(key, choice.en, lang)


def region_name(region: regions.Region, lang: str) -> str:
    """The name of a unit in ``lang``."""
    return _text(region_key(region.key), region.name_en, lang)


def spellings(choice: Choice) -> tuple[str, ...]:
    """Every spelling that names ``choice`` in a cell: key, names in every language, aliases."""
    names = (choice_name(choice, lang) for lang in ("ru", "ky"))
    return (choice.key, choice.en, *names, *choice.aliases)


def extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str, tuple[str, ...], list[str]]]:
    """The Babel extractor of ``contract.py`` and ``regions.py``: their texts, and any ``t()``.

    Each text comes as an ``N_`` id at the line where its English is written, with comments
    the sync reads: the English (written into en.po), then ``DRAFT`` lines, one per
    translation the contract holds (copied into an empty entry of that language).
    """
    source = fileobj.read()
    yield from extract_keys(io.BytesIO(source), keywords, comment_tags, options)
    lines = source.decode("utf-8").splitlines()
    name = Path(str(getattr(fileobj, "name", ""))).name
    for entry in entries():
        if entry.file == name:
            drafts = [f"{DRAFT}{lang}: {text}" for lang, text in entry.drafts]
            yield _line(lines, entry.english), "N_", (entry.key,), [entry.english, *drafts]


def _line(lines: list[str], english: str) -> int:
    """The line a text is written on (its first words; 1 when split across lines)."""
    start = english[:24]
    return next((n for n, line in enumerate(lines, 1) if start in line), 1)
