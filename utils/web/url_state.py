"""Shareable views: which URL parameters each page understands, and what a link asked for that
the page could not honour.

Pure Python, no Streamlit. Streamlit itself validates every widget bound with
``bind="query-params"`` (an unknown option, a bad number or a bad boolean is dropped from the
URL and the widget keeps its default). Filters whose options are shown translated are kept in
the URL by utils/web/ui.py's ``url_*`` widgets instead, as the sheet's ids, so a link opens the same
view in any language; ``resolve`` decides what such a link asked for. This module names what
was dropped or never used, so the reader can be told in plain words. URL values are only ever compared here: never evaluated,
unpickled, or put into text. The notice names parameter *keys* (escaped by the caller and cut
short), never their values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from utils.i18n import LANGUAGES, t

GLOBAL_KEYS: Final = ("lang", "present")
"""Bound in app.py on every page: the language and presenter mode."""

STREAMLIT_KEYS: Final = ("embed", "embed_options")
"""Parameters Streamlit itself reads (embedding); never reported as unknown."""

PAGE_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "overview": (),
    "access": (
        "access_indicator",
        "access_communities",
        "access_regions",
        "access_periods",
        "access_map_open",
        "access_breakdown_open",
        "access_cascade_open",
        "access_findings_open",
        "access_table_open",
    ),
    "votes": (
        "votes_election",
        "votes_round",
        "votes_table_open",
        "votes_time_open",
        "votes_breakdown_open",
        "votes_record_open",
    ),
    "strategy": (
        "strategy_objective",
        "strategy_lead",
        "strategy_community",
        "strategy_status",
        "strategy_horizon",
        "strategy_since",
        "strategy_summary_open",
        "strategy_checks_open",
        "strategy_changes_open",
        "strategy_years_open",
    ),
    "monitoring": (
        "monitoring_region",
        "monitoring_community",
        "monitoring_category",
        "monitoring_bearer",
        "monitoring_status",
        "monitoring_round",
        "monitoring_since",
        "monitoring_finding",
    ),
    "health": (),
    "present": ("slide", "slide_auto", "slide_every"),
}
"""Every page's view-defining widget keys (each kept in ``?key=``), by the area its title key
starts with ("access.title" -> "access"); tests/test_url_state.py keeps this in step with
the ``bind="query-params"`` and ``url_*`` widgets in pages/*.py."""

MAX_VALUE_CHARS: Final = 500
"""Longer values are no option label, number or date any page offers: report them."""

MAX_KEY_CHARS_SHOWN: Final = 30
MAX_KEYS_SHOWN: Final = 5

ARRAY_TYPES: Final = frozenset({"string_array_value", "int_array_value", "double_array_value"})

Params = Mapping[str, Sequence[str]]
"""The URL's query parameters: every value of every key, in order (a key may repeat)."""


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a link asked for that the page did not honour."""

    key: str
    reason: str  # "unknown" | "ignored" | "repeated" | "too_long"


def area_of(title_key: str) -> str:
    """The page's area from its title key: "votes.title" -> "votes"."""
    return title_key.split(".", 1)[0]


def known_keys(area: str) -> frozenset[str]:
    """Every parameter the page of ``area`` understands (its own, app.py's, Streamlit's)."""
    return frozenset((*GLOBAL_KEYS, *STREAMLIT_KEYS, *PAGE_KEYS.get(area, ())))


def snapshot(keys: Iterable[str], get_all: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """A copy of the URL's parameters (every value of every key) taken before widgets use them."""
    return {str(key): [str(v) for v in get_all(key)] for key in keys}


def structural_findings(params: Params, area: str) -> list[Finding]:
    """What is wrong with a link before any widget reads it: unknown keys and very long values."""
    known = known_keys(area)
    found: list[Finding] = []
    for key, values in params.items():
        if key not in known:
            found.append(Finding(key, "unknown"))
        elif any(len(v) > MAX_VALUE_CHARS for v in values):
            found.append(Finding(key, "too_long"))
    return found


@dataclass(frozen=True)
class Resolved:
    """What a link asked of an id-keyed filter: the ids it names, and whether it held more."""

    ids: tuple[str, ...]
    rejected: bool  # some value named no option, was too long, or repeated a single choice


def resolve(
    values: Sequence[str],
    ids: Sequence[str],
    aliases: Callable[[], Mapping[str, str]],
    *,
    multiple: bool,
) -> Resolved:
    """The option ids a URL's values name: an id as is, else (old links) any language's label.

    ``aliases`` maps every language's label to its id; it is only asked for when a value is
    not an id, since building it formats every option in every language. Anything else, and
    any value longer than MAX_VALUE_CHARS, is left out and marks the link as rejected. A
    single choice takes the last value, as Streamlit does, and a repeated one is rejected.
    """
    known = frozenset(ids)
    rejected = not multiple and len(values) > 1  # a single choice reads only the last value
    table: Mapping[str, str] | None = None
    found: list[str] = []
    for value in values if multiple else values[-1:]:
        if value == "" and multiple:
            continue  # ?key= is how an empty list is written
        if len(value) > MAX_VALUE_CHARS:
            rejected = True
            continue
        if value not in known:
            if table is None:
                table = aliases()
            value = table.get(value, "")
        if value in known:
            found.append(value)
        else:
            rejected = True
    return Resolved(tuple(dict.fromkeys(found)), rejected)


def label_aliases(ids: Sequence[str], name: Callable[[str, str], str]) -> dict[str, str]:
    """Every language's label of every option, mapped to the option's id (for old links);
    a label two options share names neither."""
    table: dict[str, str] = {}
    shared: set[str] = set()
    for lang in LANGUAGES:
        for option in ids:
            label = name(option, lang)
            if table.get(label, option) != option:
                shared.add(label)
            table[label] = option
    return {label: option for label, option in table.items() if label not in shared}


def parse_url_value(values: Sequence[str], value_type: str) -> Any:
    """The value a URL parameter denotes for a widget of ``value_type`` (Streamlit's wire types).

    Raises ValueError when it denotes nothing (e.g. ``?present=maybe``). Mirrors how Streamlit
    reads a bound parameter, so a value it accepted compares equal to the widget's value.
    """
    if value_type in ARRAY_TYPES:
        items = [v for v in values if v != ""]
        if value_type == "int_array_value":
            return [int(v) for v in items]
        if value_type == "double_array_value":
            return [float(v) for v in items]
        return items
    if not values:
        raise ValueError("no value")
    last = values[-1]
    if value_type == "bool_value":
        if last.lower() in ("true", "false"):
            return last.lower() == "true"
        raise ValueError("not a boolean")
    if value_type == "int_value":
        try:
            return int(last)
        except ValueError:
            return last  # selection widgets may carry an option's label
    if value_type == "double_value":
        number = float(last)
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        return number
    return last


def _same(denoted: Any, current: Any) -> bool:
    """True when the URL's value and the widget's (serialised) value are the same."""
    if isinstance(current, tuple):
        current = list(current)
    if isinstance(denoted, list) and isinstance(current, list):
        if len(denoted) != len(current):
            return False
        return all(_same(a, b) for a, b in zip(denoted, current, strict=True))
    if isinstance(denoted, bool) or isinstance(current, bool):
        return denoted is current
    if isinstance(denoted, int | float) and isinstance(current, int | float):
        return math.isclose(float(denoted), float(current))
    return bool(denoted == current)


def honoured(values: Sequence[str], value_type: str, current: Any) -> bool:
    """Did the widget take what the URL asked for? ``current`` is the widget's value in its URL
    form (the option's label for a selectbox, a list of labels for a multiselect …)."""
    if value_type not in ARRAY_TYPES and len(values) > 1:
        return False  # a single-value widget read only the last of several values
    try:
        denoted = parse_url_value(values, value_type)
    except (ValueError, TypeError):
        return False
    return _same(denoted, current)


def own_value(values: Sequence[str], value_type: str, written: Any) -> bool:
    """True when a URL parameter holds what the page itself last wrote there for a widget.

    A rerun started by a click sends the URL as it was before the click: after → on slide 2 the
    run sees ?slide=2 while the widget already holds 3. That is the page's own value, not a link
    asking for something else, so it is not judged (it was judged when the link was opened).
    """
    return written is not None and honoured(values, value_type, written)


def describe(findings: Iterable[Finding], lang: str, escape: Callable[[str], str]) -> str | None:
    """The notice for the reader, naming the parameters (escaped, cut short), never the values."""
    found = sorted(set(findings))
    if not found:
        return None
    unknown = [f.key for f in found if f.reason == "unknown"]
    ignored = [f.key for f in found if f.reason != "unknown"]
    # Two short sentences at most: st.toast folds a text longer than three lines behind its
    # own "view more", which Streamlit writes in English (and a phone's toast is narrow).
    parts = []
    if unknown:
        parts.append(t("present.url.unknown", lang, keys=_key_list(unknown, escape)))
    if ignored:
        parts.append(t("present.url.ignored", lang, keys=_key_list(ignored, escape)))
    return " ".join(parts)


def _key_list(keys: Sequence[str], escape: Callable[[str], str]) -> str:
    """A short, escaped list of parameter names: at most a few, each cut to a few characters."""
    shown = []
    for key in list(dict.fromkeys(keys))[:MAX_KEYS_SHOWN]:
        cut = key if len(key) <= MAX_KEY_CHARS_SHOWN else key[:MAX_KEY_CHARS_SHOWN] + "…"
        shown.append(escape(cut))
    more = len(set(keys)) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")
