"""The gettext catalogues: complete, consistent, up to date with the code, and plural-correct."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Message

from tests.conftest import ROOT
from utils.i18n import LANGUAGES, catalogue, messages, t, tn
from utils.i18n import catalogues_sync as sync

COUNTS = (0, 1, 2, 5, 11, 21, 101)
# The order of CLDR's plural categories in a gettext Plural-Forms rule, as Babel writes them.
CATEGORY_INDEX = {"ru": {"one": 0, "few": 1, "many": 2}, "ky": {"one": 0, "other": 1}}


def forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    return text if isinstance(text, tuple) else (text,)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def key_of(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


PLURAL_KEYS = sorted(k for k, texts in messages().items() if isinstance(texts["en"], tuple))


def test_the_count_sentences_are_plural_entries() -> None:
    """The plural tests below run on real entries: with none, they would only skip."""
    assert PLURAL_KEYS, "no plural entry: every count sentence must be read with tn()"
    assert {"strategy.answer.late", "votes.checks.other", "health.tab.errors"} <= set(PLURAL_KEYS)


@pytest.mark.parametrize("key", sorted(messages()))
def test_every_message_is_written_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = messages()[key]
    assert set(texts) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(texts)}"
    english = set().union(*(placeholders(form) for form in forms(texts["en"])))
    for lang in LANGUAGES:
        assert all(form.strip() for form in forms(texts[lang])), f"{key} [{lang}] is empty"
        for form in forms(texts[lang]):
            assert placeholders(form) <= english | {"n"}, f"{key} [{lang}]: {form}"
        if not isinstance(texts[lang], tuple):
            assert placeholders(texts[lang]) == english, f"{key} [{lang}] placeholders differ"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_fuzzy_and_the_plural_rule_is_cldrs(lang: str) -> None:
    fuzzy = sorted(key_of(m) for m in catalogue(lang) if m.id and m.fuzzy)
    assert not fuzzy, f"{lang}: review these and remove their fuzzy flag: {fuzzy}"
    assert catalogue(lang).num_plurals == {"ru": 3, "ky": 2, "en": 2}[lang]


def test_the_template_is_up_to_date_with_the_code() -> None:
    """``pybabel extract`` (our configuration) finds exactly the ids of the .pot and en.po."""
    extracted = {key_of(m) for m in sync.extract() if m.id}
    template = {key_of(m) for m in sync.read(sync.TEMPLATE) if m.id}
    assert extracted == template, (
        f"run python -m utils.i18n.catalogues_sync: new {sorted(extracted - template)}, "
        f"gone {sorted(template - extracted)}"
    )
    assert template == set(messages())
    plural_in_code = {key_of(m) for m in sync.extract() if isinstance(m.id, tuple)}
    assert plural_in_code == set(PLURAL_KEYS), "tn() keys must be plural entries and only they"


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_entry_has_every_form_in_every_language(key: str) -> None:
    for lang in LANGUAGES:
        written = forms(messages()[key][lang])
        assert len(written) == catalogue(lang).num_plurals, f"{key} [{lang}]"
        assert all(form.strip() for form in written), f"{key} [{lang}] has an empty form"


def test_russian_counts_take_their_hand_written_forms() -> None:
    """The three Russian forms, checked against the text a person writes (not the catalogue)."""
    written = {n: tn("strategy.filter.days", "ru", n) for n in COUNTS}
    assert written == {0: "0 дней", 1: "1 день", 2: "2 дня", 5: "5 дней", 11: "11 дней",
                       21: "21 день", 101: "101 день"}  # fmt: skip
    assert tn("strategy.filter.days", "ky", 21) == "21 күн"
    assert tn("strategy.filter.days", "en", 1) == "1 day"
    assert tn("strategy.filter.days", "en", 2) == "2 days"


@pytest.mark.parametrize("key", PLURAL_KEYS)
@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_plural_forms_follow_cldr(key: str, lang: str) -> None:
    """Each count takes the form CLDR's rule gives it: 1 этап, 2 этапа, 5 этапов, 21 этап."""
    rule = Locale(lang).plural_form
    written = forms(messages()[key][lang])
    params = {name: "X" for form in written for name in placeholders(form) if name != "n"}
    for n in COUNTS:
        expected = written[CATEGORY_INDEX[lang][rule(n)]].format(n=n, **params)
        assert tn(key, lang, n, **params).replace("\u00a0", " ") == expected, (key, n)


def test_a_plural_message_needs_tn_and_an_unknown_key_fails() -> None:
    with pytest.raises(KeyError):
        t(PLURAL_KEYS[0], "ru")
    with pytest.raises(KeyError):
        tn("nav.overview", "ru", 3)
    with pytest.raises(KeyError):
        tn("no.such.key", "ru", 3)


def _copy_project(tmp_path: Path) -> Path:
    """A small project: one page using two keys, and the real catalogues for those keys."""
    root = tmp_path / "project"
    (root / "pages").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "pages" / "page.py").write_text(
        'from utils.i18n import t\nt("nav.overview", "ru")\nt("nav.votes", "ru")\n',
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "locales", root / "locales")
    return root


def test_changing_an_english_text_marks_russian_and_kyrgyz_fuzzy(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    first = sync.sync(root)
    assert first.fuzzy == {"en": [], "ru": [], "ky": []}
    assert "nav.access" in first.dropped["ru"]  # not used by this small project
    english = sync.po_path("en", root / "locales")
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace('msgstr "Overview"', 'msgstr "Summary"'), encoding="utf-8")
    second = sync.sync(root)
    assert second.fuzzy == {"en": [], "ru": ["nav.overview"], "ky": ["nav.overview"]}
    ru = sync.read(sync.po_path("ru", root / "locales"), "ru")
    assert ru["nav.overview"].fuzzy and sync.english_of(ru["nav.overview"]) == "Summary"
    assert not ru["nav.votes"].fuzzy
    assert sync.sync(root).fuzzy["ru"] == []  # still fuzzy, but not marked again
    assert sync.read(sync.po_path("ru", root / "locales"), "ru")["nav.overview"].fuzzy


def test_a_new_key_gets_empty_entries_to_translate(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    (root / "pages" / "page.py").write_text('t("nav.brand_new", "ru")\n', encoding="utf-8")
    result = sync.sync(root)
    assert result.added == {lang: ["nav.brand_new"] for lang in ("en", "ru", "ky")}
    ky = sync.read(sync.po_path("ky", root / "locales"), "ky")
    assert ky["nav.brand_new"].string == ""
