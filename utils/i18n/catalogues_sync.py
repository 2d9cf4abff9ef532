"""Bring the gettext catalogues up to date with the code: ``python -m utils.i18n.catalogues_sync``.

The message ids are keys ("nav.overview"); the English text is the catalogue
``locales/en/LC_MESSAGES/messages.po``, written by developers. One run:

1. extracts the ids from the code with ``pybabel extract`` (the mapping is ``[tool.babel]`` in
   ``pyproject.toml``, the keywords are ``KEYWORDS``) and writes ``locales/messages.pot``, each
   id with its English text as the extracted comment (``#.``) that Poedit and Weblate show;
2. updates every language's ``messages.po`` from it: a new id gets an empty entry (the
   completeness test fails until it is written), an id gone from the code is dropped;
3. marks a Russian or Kyrgyz entry fuzzy when the English text above it has changed since the
   last run, so its translator reviews it. The English a translation was made from is the
   ``#.`` comment the entry carries, which only this command rewrites;
4. writes ``docs/translations.csv``: every id with its English, Russian and Kyrgyz side by
   side and the files it appears in, for a native speaker's review in one sitting.

Some ids bring their English with them: the contract's texts (``utils/sheet/texts.py``, whose
extractor gives each id its English as a comment, and its first Russian or Kyrgyz as ``draft``
comments). Their English in en.po is written by this command from the code, and a draft fills
a Russian or Kyrgyz entry only while that entry is empty.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from utils.i18n.extract import DRAFT

ROOT: Final = Path(__file__).resolve().parents[2]
LOCALES: Final = ROOT / "locales"
TEMPLATE: Final = LOCALES / "messages.pot"
REVIEW: Final = ROOT / "docs" / "translations.csv"
ENGLISH: Final = "en"
TRANSLATED: Final = ("ru", "ky")
# t("key", …), tn("key", lang, n, …) (a plural entry whose msgid_plural repeats the key) and
# N_("key") / N_plural("key") for ids the code builds at run time (utils/i18n/dynamic_ids.py).
KEYWORDS: Final = ("t", "tn:1,1", "N_", "N_plural:1,1")
PROJECT: Final = "United Voices"
VERSION: Final = "1"
BUGS: Final = "the dashboard's maintainer"
HEADER: Final = """# United Voices: the dashboard's texts.
# Ids are keys; the English text of each is in locales/en/LC_MESSAGES/messages.po.
# Updated by `python -m utils.i18n.catalogues_sync`; see docs/TRANSLATING.md."""
"""The catalogues' header comment: gettext comment lines, so Babel, Poedit and msgfmt read it."""


def po_path(lang: str, locales: Path = LOCALES) -> Path:
    """Where the catalogue of ``lang`` lives."""
    return locales / lang / "LC_MESSAGES" / "messages.po"


def extract(root: Path = ROOT) -> Catalog:
    """The ids in the code, exactly as ``pybabel extract`` finds them with our configuration."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "extracted.pot"
        keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
        CommandLineInterface().run(
            ["pybabel", "-q", "extract", "-F", str(root / "pyproject.toml"),
             "--no-default-keywords", *keywords, "-o", str(out), str(root)]
        )  # fmt: skip
        with out.open("rb") as fileobj:
            return read_po(fileobj)


def read(path: Path, lang: str | None = None) -> Catalog:
    """A catalogue file."""
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=lang)


def write(path: Path, catalogue: Catalog) -> None:
    """A catalogue file, sorted by key and unwrapped, with file names but no line numbers.

    Written beside and then moved into place, so that a sync or an app reading it at the same
    moment sees the old file or the new one, never half of one (a half-read catalogue once lost
    130 Russian texts: the next sync wrote back what it could parse).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with partial.open("wb") as fileobj:
        write_po(fileobj, catalogue, width=0, sort_output=True, include_lineno=False,
                 ignore_obsolete=True)  # fmt: skip
    os.replace(partial, path)


def english_of(message: Message) -> str:
    """The English a translated entry was made from: its ``#.`` comment, spaces normalised."""
    return " ".join(" ".join(message.auto_comments).split())


def _english_text(message: Message | None) -> str:
    """The English text of an entry of en.po, plural forms joined by " | "."""
    if message is None or not message.string:
        return ""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return " | ".join(forms)


def _defaults(message: Message) -> tuple[str, dict[str, str]]:
    """The English an extractor gave an id (or ""), and its draft translations by language.

    Babel wraps a long comment over several lines: a line not starting a draft continues the
    text before it.
    """
    parts: list[list[str]] = [[]]
    for line in message.auto_comments:
        if line.startswith(DRAFT):
            parts.append([line.removeprefix(DRAFT)])
        else:
            parts[-1].append(line)
    drafts = dict(" ".join(part).split(": ", 1) for part in parts[1:])
    return " ".join(parts[0]), drafts


@dataclass(frozen=True)
class Result:
    """What a run changed: entries added, dropped and marked fuzzy, per language."""

    added: dict[str, list[str]]
    dropped: dict[str, list[str]]
    fuzzy: dict[str, list[str]]


def _ids(catalogue: Catalog) -> set[str]:
    return {str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue if m.id}


def sync(root: Path = ROOT, locales: Path | None = None) -> Result:
    """Extract, write the template, update every catalogue; see the module's docstring."""
    locales = locales or root / "locales"
    extracted = extract(root)
    english = read(po_path(ENGLISH, locales), ENGLISH)
    defaults = {m.id: _defaults(m) for m in extracted if m.id}

    def template_of() -> Catalog:
        """The template, made anew for each catalogue: update() adds its Message objects."""
        template = Catalog(header_comment=HEADER, project=PROJECT, version=VERSION,
                           msgid_bugs_address=BUGS, fuzzy=False)  # fmt: skip
        template.creation_date = english.creation_date
        for message in extracted:
            if message.id:
                text = defaults[message.id][0] or _english_text(english.get(message.id))
                files = sorted({(Path(path).resolve().relative_to(root).as_posix(), None)
                                for path, _ in message.locations})  # fmt: skip
                template.add(message.id, auto_comments=[text] if text else [],
                             locations=files, context=message.context)  # fmt: skip
        return template

    template = template_of()
    write(locales / "messages.pot", template)
    added: dict[str, list[str]] = {}
    dropped: dict[str, list[str]] = {}
    fuzzy: dict[str, list[str]] = {}
    for lang in (ENGLISH, *TRANSLATED):
        path = po_path(lang, locales)
        catalogue = read(path, lang)
        before = {m.id if isinstance(m.id, str) else m.id[0]: english_of(m) for m in catalogue}
        old_ids = _ids(catalogue)
        catalogue.update(template_of(), no_fuzzy_matching=True)
        catalogue.header_comment = HEADER
        new_ids = _ids(catalogue)
        added[lang] = sorted(new_ids - old_ids)
        dropped[lang] = sorted(old_ids - new_ids)
        fuzzy[lang] = []
        for message in catalogue:
            default, drafts = defaults.get(message.id, ("", {}))
            if lang == ENGLISH and default:
                message.string = default  # the code's English is the text
            elif lang in drafts and not _has_text(message):
                message.string = drafts[lang]
            if not message.id or lang == ENGLISH:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            was, now = before.get(key, ""), english_of(message)
            if key in old_ids and was != now and _has_text(message):
                message.flags.add("fuzzy")
                fuzzy[lang].append(key)
        if lang == ENGLISH:
            for message in catalogue:
                message.auto_comments = []  # en.po is the English itself
        write(path, catalogue)
    if locales == root / "locales":
        review = root / "docs" / REVIEW.name
        review.parent.mkdir(exist_ok=True)
        partial = review.with_name(f".{review.name}.{os.getpid()}.partial")
        partial.write_text(review_table(locales), encoding="utf-8")
        os.replace(partial, review)
    return Result(added, dropped, fuzzy)


def review_table(locales: Path = LOCALES) -> str:
    """``docs/translations.csv``: key, English, Russian, Kyrgyz, fuzzy marks, where it appears.

    Plural forms are joined by " | " in each language's order; the files are the template's.
    """
    template = read(locales / "messages.pot")
    catalogues = {lang: read(po_path(lang, locales), lang) for lang in (ENGLISH, *TRANSLATED)}
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    table.writerow(["key", "en", "ru", "ky", "needs review", "where"])
    for message in sorted((m for m in template if m.id), key=lambda m: str(_key(m))):
        texts = {lang: catalogues[lang].get(message.id) for lang in catalogues}
        review = [lang for lang in TRANSLATED if texts[lang] is not None and texts[lang].fuzzy]
        where = " ".join(sorted({path for path, _ in message.locations}))
        table.writerow([_key(message), *(_english_text(texts[lang]) for lang in catalogues),
                        " ".join(review), where])  # fmt: skip
    return out.getvalue()


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def _has_text(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return any(strings)


def _report(result: Result) -> Iterable[str]:
    for title, table in (("added", result.added), ("dropped", result.dropped),
                         ("marked fuzzy", result.fuzzy)):  # fmt: skip
        for lang, keys in table.items():
            if keys:
                yield f"{lang}: {title} {len(keys)}: {', '.join(keys)}"


def main() -> int:
    """The command: sync, then say what changed (nothing printed when nothing did)."""
    for line in _report(sync()):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
