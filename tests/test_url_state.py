"""Shareable views: every page's filters round-trip through the URL, and hostile links open
safely (never raise, never echo raw HTML, and the reader is told what was ignored)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGE_FILES, checked, opened, page, run, run_page
from tests.conftest import ROOT
from utils.i18n import t
from utils.web import url_state
from utils.web.ui import plain
from utils.web.url_state import Finding

NOTICE_EN = t("present.url.unknown", "en", keys="foo")


# --- the lists of known keys stay in step with the pages ------------------------------------


URL_WIDGETS = {"url_selectbox", "url_multiselect", "url_segmented_control", "on_demand"}
"""utils/web/ui.py's widgets that keep their ids in the URL by hand, and its on-demand section
(a bound expander)."""


def bound_keys(path: Path) -> set[str]:
    """The keys of every widget call in a page script kept in the URL: bind="query-params",
    or one of utils/web/ui.py's url_* widgets."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        words = {k.arg: k.value for k in node.keywords}
        bind = words.get("bind")
        by_hand = isinstance(node.func, ast.Name) and node.func.id in URL_WIDGETS
        if by_hand or (isinstance(bind, ast.Constant) and bind.value == "query-params"):
            key = words["key"]
            keys.add(key.value if isinstance(key, ast.Constant) else _name_value(path, key))
    return keys


def _name_value(path: Path, node: ast.expr) -> str:
    """A key given as a module-level constant (SLIDE_KEY = "slide")."""
    assert isinstance(node, ast.Name), ast.dump(node)
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets[0]
            names = targets.elts if isinstance(targets, ast.Tuple) else [targets]
            values = stmt.value.elts if isinstance(stmt.value, ast.Tuple) else [stmt.value]
            for name, value in zip(names, values, strict=True):
                if isinstance(name, ast.Name) and name.id == node.id:
                    return str(ast.literal_eval(value))
    raise AssertionError(f"{node.id} not found in {path}")


@pytest.mark.parametrize(("area", "page"), sorted(PAGE_FILES.items()))
def test_known_keys_are_exactly_the_bound_widgets_of_each_page(area: str, page: str) -> None:
    assert set(url_state.PAGE_KEYS[area]) == bound_keys(ROOT / page)


@pytest.mark.parametrize(("area", "page"), sorted(PAGE_FILES.items()))
def test_the_tests_know_every_section_drawn_on_demand(area: str, page: str) -> None:
    """tests.apptest.opened finds a page's on-demand sections (``ui.on_demand``) by their URL
    key's ``_open`` ending: every such section keeps to it, and no other widget takes it."""
    calls = ast.walk(ast.parse((ROOT / page).read_text(encoding="utf-8")))
    on_demand = {
        _key(node)
        for node in calls
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "on_demand"
    }
    assert on_demand == set(opened(page))


def _key(call: ast.Call) -> str:
    """The constant ``key=`` of a call."""
    key = next(k.value for k in call.keywords if k.arg == "key")
    assert isinstance(key, ast.Constant), ast.dump(key)
    return str(key.value)


def test_every_page_has_its_list_of_keys() -> None:
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    listed = set(PAGE_FILES.values())
    # admin and sign-in pages hold no view-defining filters; every data page is listed
    assert listed <= on_disk
    assert set(url_state.PAGE_KEYS) == set(PAGE_FILES)


def test_page_keys_carry_the_page_prefix() -> None:
    prefix = {"present": "slide"}
    for area, keys in url_state.PAGE_KEYS.items():
        assert all(k.startswith(prefix.get(area, area + "_")) for k in keys), area


# --- pure judgements ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "area", "expected"),
    [
        ({"lang": ["en"]}, "votes", []),
        ({"embed": ["true"]}, "votes", []),
        ({"votes_election": ["x"], "votes_round": ["1"]}, "votes", []),
        ({"foo": ["1"]}, "votes", [Finding("foo", "unknown")]),
        ({"access_indicator": ["x"]}, "votes", [Finding("access_indicator", "unknown")]),
        ({"votes_election": ["x" * 501]}, "votes", [Finding("votes_election", "too_long")]),
        ({"slide": ["2"]}, "present", []),
        ({"slide": ["2"]}, "overview", [Finding("slide", "unknown")]),
    ],
)
def test_structural_findings(params: dict, area: str, expected: list[Finding]) -> None:
    assert url_state.structural_findings(params, area) == expected


# (values, multiple, expected ids, rejected): options are "a", "b", "c"; labels "A", "B", "C"
# in English and "А", "Б", "В" in Russian and Kyrgyz.
RESOLVE = [
    (["b"], False, ("b",), False),  # an id
    (["B"], False, ("b",), False),  # an old link: the English label
    (["Б"], False, ("b",), False),  # an old link made in Russian
    ([], False, (), False),  # nothing asked
    (["zz"], False, (), True),
    (["b "], False, (), True),  # ids are matched exactly
    (["a", "c"], False, ("c",), True),  # repeated: the last is read, the link is reported
    (["a", "zz"], False, (), True),
    (["x" * 501], False, (), True),
    (["a", "C", "zz"], True, ("a", "c"), True),  # one of several dropped
    (["a", "a", "b"], True, ("a", "b"), False),
    ([""], True, (), False),  # ?key= is an empty list
    (["__import__('os')", "<script>"], True, (), True),
]


@pytest.mark.parametrize(("values", "multiple", "ids", "rejected"), RESOLVE)
def test_resolve_reads_ids_and_old_labels(
    values: list[str], multiple: bool, ids: tuple[str, ...], rejected: bool
) -> None:
    labels = {"en": {"a": "A", "b": "B", "c": "C"}, "ru": {"a": "А", "b": "Б", "c": "В"}}
    aliases = url_state.label_aliases(
        ["a", "b", "c"], lambda o, lg: labels.get(lg, labels["ru"])[o]
    )
    found = url_state.resolve(values, ["a", "b", "c"], lambda: aliases, multiple=multiple)
    assert found == url_state.Resolved(ids, rejected)


def test_resolve_builds_the_labels_only_for_a_value_that_is_no_id() -> None:
    def aliases() -> dict[str, str]:
        raise AssertionError("labels built for an id")

    assert url_state.resolve(["a", "b"], ["a", "b"], aliases, multiple=True).ids == ("a", "b")


def test_a_label_two_options_share_names_neither() -> None:
    aliases = url_state.label_aliases(["x", "y"], lambda o, lg: "Same" if lg == "en" else o + lg)
    assert "Same" not in aliases
    assert aliases["xru"] == "x"


@pytest.mark.parametrize(
    ("values", "value_type", "current", "expected"),
    [
        (["true"], "bool_value", True, True),
        (["TRUE"], "bool_value", True, True),
        (["false"], "bool_value", False, True),  # the default, honoured (not "ignored")
        (["maybe"], "bool_value", False, False),
        (["1"], "bool_value", False, False),
        (["B"], "string_value", "B", True),
        (["b"], "string_value", "B", False),
        (["A", "B"], "string_value", "B", False),  # repeated: only the last was read
        (["a", "b"], "string_array_value", ["a", "b"], True),
        (["a", "zz"], "string_array_value", ["a"], False),  # one of several dropped
        (["3"], "double_value", 3, True),
        (["99"], "double_value", 10, False),  # clamped
        (["nan"], "double_value", 1, False),
        (["x"], "double_value", 1, False),
        (["3"], "int_value", 3, True),
        (["2025-Q1", "2026-Q3"], "string_array_value", ("2025-Q1", "2026-Q3"), True),
    ],
)
def test_honoured(values: list[str], value_type: str, current: object, expected: bool) -> None:
    assert url_state.honoured(values, value_type, current) is expected


def test_the_notice_names_keys_escaped_and_never_values() -> None:
    findings = [Finding("<script>alert(1)</script>", "unknown"), Finding("lang", "ignored")]
    text = url_state.describe(findings, "en", plain)
    assert text is not None
    assert "<script>" not in text
    assert "lang" in text
    assert url_state.describe([], "en", plain) is None


def test_the_notice_is_short_whatever_the_link_holds() -> None:
    findings = [Finding("k" * 1000 + str(i), "unknown") for i in range(50)]
    text = url_state.describe(findings, "en", plain) or ""
    assert len(text) < 600
    assert "(+45)" in text


# --- round trips: every filter of every page, set in the URL, is what the page shows --------


def _widgets(at: AppTest) -> dict[str, object]:
    """Every keyed widget of the run, by key."""
    found = {}
    for kind in ("selectbox", "multiselect", "select_slider", "toggle", "button_group"):
        for widget in at.get(kind):
            if getattr(widget, "key", None):
                found[widget.key] = widget
    return found


def _run(page: str, params: dict[str, str | list[str]], lang: str = "en") -> AppTest:
    return run_page(page, lang=lang, query=params)


def _other_value(widget: object) -> tuple[object, str | list[str]]:
    """A value other than the widget's default, and how the URL writes it (formatted labels)."""
    kind = type(widget).__name__
    if kind == "Toggle":
        return (not widget.value), ("true" if not widget.value else "false")
    options = list(widget.options)
    if kind == "Multiselect":
        chosen = options[-2:] if len(options) > 1 else options
        return chosen, chosen
    if kind == "SelectSlider":
        return (options[0], options[-2]), [options[0], options[-2]]
    current = widget.format_func(widget.value) if hasattr(widget, "format_func") else None
    label = next(o for o in reversed(options) if o != current)
    return label, label


def _raw(widget: object) -> object:
    """The widget's value as the page sees it (ids, not labels); tuples as lists."""
    value = widget.value
    return list(value) if isinstance(value, tuple | list) else value


@pytest.mark.parametrize(("area", "page"), sorted(PAGE_FILES.items()))
def test_every_filter_round_trips_through_the_url(area: str, page: str) -> None:
    """An (old) link with English labels opens the view; the page rewrites the URL with ids,
    and that link opens the same view in Russian, with no notice either time."""
    first = _run(page, {})
    widgets = _widgets(first)
    keys = [k for k in url_state.PAGE_KEYS[area] if k in widgets]
    if area in ("overview", "health"):
        assert not keys
        return
    assert keys, f"{page} drew none of its URL filters"
    params: dict[str, str | list[str]] = {}
    labels: dict[str, object] = {}
    for key in keys:  # one at a time: a filter's options may follow the one before it
        now = _widgets(_run(page, params)) if params else widgets
        if key not in now:  # the filters before it left nothing to pick (a finding's story)
            continue
        widget = now[key]
        label, in_url = _other_value(widget)
        params[key], labels[key] = in_url, label
    second = _run(page, params)
    shown = _widgets(second)
    for key, label in labels.items():
        widget = shown[key]
        value = widget.value
        if type(widget).__name__ in ("Multiselect",):
            value = [widget.format_func(v) for v in value]
        elif type(widget).__name__ == "SelectSlider":
            value = tuple(widget.format_func(v) for v in value)
        elif type(widget).__name__ in ("Selectbox", "ButtonGroup"):
            value = widget.format_func(value)
        assert value == label, (key, value, label)
    assert not [x.value for x in second.toast], "a good link raises no notice"

    link = {k: v for k, v in second.query_params.items() if k != "lang"}
    assert set(link) == set(labels), "every chosen filter is in the URL, nothing else"
    for key, value in link.items():
        if type(shown[key]).__name__ == "Toggle":
            continue
        raw = _raw(shown[key])
        as_ids = [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]
        assert ([value] if isinstance(value, str) else value) == as_ids, (key, value)
    third = _run(page, link, lang="ru")
    again = _widgets(third)
    assert {k: _raw(again[k]) for k in labels} == {k: _raw(shown[k]) for k in labels}
    assert not [x.value for x in third.toast]


# A link written by hand with the sheet's ids, in every language. (page, link, key, value)
ID_LINKS = [
    ("access", {"access_indicator": "prep_uptake"}, "access_indicator", "prep_uptake"),
    ("access", {"access_regions": ["KG-C", "KG-N"]}, "access_regions", ["KG-C", "KG-N"]),
    ("access", {"access_communities": "pwid"}, "access_communities", ["pwid"]),
    ("votes", {"votes_election": "ccph-2022"}, "votes_election", "ccph-2022"),
    ("strategy", {"strategy_status": "at_risk"}, "strategy_status", ["at_risk"]),
    ("strategy", {"strategy_horizon": "90"}, "strategy_horizon", 90),
    ("present", {"slide_every": "30"}, "slide_every", 30),
]


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
@pytest.mark.parametrize(("area", "link", "key", "value"), ID_LINKS, ids=lambda v: str(v)[:20])
def test_a_link_with_ids_opens_that_view_in_every_language(
    lang: str, area: str, link: dict, key: str, value: object
) -> None:
    at = _run(PAGE_FILES[area], link, lang)
    assert _raw(_widgets(at)[key]) == value
    assert at.query_params[key] == link[key], "the URL keeps the ids"
    assert not [x.value for x in at.toast]


def test_an_old_link_with_a_label_still_opens_and_is_rewritten_with_the_id() -> None:
    # made before links carried ids: one label in Russian, one in English, opened in English
    at = _run(PAGE_FILES["access"], {"access_regions": ["Чуйская область", "Naryn"]}, "en")
    assert _raw(at.multiselect(key="access_regions")) == ["KG-C", "KG-N"]
    assert at.query_params["access_regions"] == ["KG-C", "KG-N"]
    assert not [x.value for x in at.toast]


def test_a_change_writes_the_id_and_the_default_leaves_the_url() -> None:
    at = _run(PAGE_FILES["access"], {})
    assert "access_indicator" not in at.query_params
    checked(at.selectbox(key="access_indicator").set_value("prep_uptake").run())
    assert at.query_params["access_indicator"] == "prep_uptake"
    at.query_params["lang"] = "ru"  # the reader changes language: the view stays
    run(at)
    assert at.selectbox(key="access_indicator").value == "prep_uptake"
    checked(at.selectbox(key="access_indicator").set_value("ost_coverage").run())  # the default
    assert "access_indicator" not in at.query_params


def test_a_link_opened_later_in_the_same_session_wins_over_the_widget() -> None:
    at = _run(PAGE_FILES["votes"], {})
    assert at.selectbox(key="votes_election").value == "ccph-2025"
    at.query_params["votes_election"] = "ccph-2022"  # the reader pastes another link
    run(at)
    assert at.selectbox(key="votes_election").value == "ccph-2022"


def test_the_slide_number_in_the_url_opens_that_slide() -> None:
    third = _run(PAGE_FILES["present"], {"slide": "3"})
    fourth = _run(PAGE_FILES["present"], {"slide": "4"})
    assert third.header[0].value != fourth.header[0].value
    assert "Slide 3 of 6" in " ".join(c.value for c in third.caption)


# --- hostile links ----------------------------------------------------------------------------

HOSTILE = [
    {"lang": "<script>alert(1)</script>"},
    {"access_indicator": "';--"},
    {"votes_election": "__import__('os')"},
    {"votes_round": "1; DROP TABLE votes"},
    {"strategy_status": ["<img src=x onerror=alert(1)>", "done"]},
    {"access_regions": "x" * 5000},
    {"<b>key</b>": "value"},
    {"present": "maybe"},
    {"slide": "-1"},
    {"slide": "1e9"},
    {"slide_every": "0"},
    {"votes_election": ["ccph-2022", "ccph-2025"]},
    {"access_regions": ["KG-C", "<script>alert(1)</script>"]},
    {"access_indicator": "__import__('os')"},
    {"strategy_since": "<b>2026-01-01</b>"},
]


def _all_text(at: AppTest) -> str:
    """Every string a reader could see in the run, raw."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "toast"):
        parts += [str(el.value) for el in at.get(kind)]
    parts += [str(el.proto.body) for el in at.get("html")]
    return "\n".join(parts)


@pytest.mark.parametrize("page", sorted(set(PAGE_FILES.values())))
@pytest.mark.parametrize("params", HOSTILE, ids=lambda p: next(iter(p))[:12])
def test_hostile_links_open_safely_with_a_notice(page: str, params: dict) -> None:
    at = run_page(page, lang=None if "lang" in params else "en", query=params)
    text = _all_text(at)
    for raw in ("<script", "<img", "onerror", "<b>", "__import__", "DROP TABLE", "x" * 100):
        assert raw not in text, f"{raw!r} echoed on {page}"
    notices = [x.value for x in at.toast]
    area = next(a for a, p in PAGE_FILES.items() if p == page)
    key = next(iter(params))
    judged = key in url_state.GLOBAL_KEYS or key not in url_state.known_keys(area)
    judged = judged or (key in url_state.PAGE_KEYS[area] and key in _widgets(at))
    if judged:
        assert notices, f"no notice for {params} on {page}"
        assert all("<" not in n for n in notices)


def test_the_notice_is_shown_once_per_session() -> None:
    at = _run(PAGE_FILES["votes"], {"foo": "1"})
    assert [x.value for x in at.toast] and NOTICE_EN in at.toast[0].value
    run(at)
    assert not [x.value for x in at.toast]


def test_hostile_language_and_presenter_values_through_the_app_shell() -> None:
    at = run_page("app.py", lang="<script>alert(1)</script>", query={"present": "maybe"})
    assert at.session_state["lang"] == "ru"
    assert at.session_state["present"] is False
    notice = " ".join(x.value for x in at.toast)
    assert "lang" in notice and "present" in notice and "<script" not in notice


def _shell(params: dict[str, str]) -> AppTest:
    at = page("app.py", lang=None, query=params)
    at.switch_page("pages/votes.py")
    return run(at)


def test_a_shared_view_opens_through_the_app_shell() -> None:
    at = _shell({"lang": "ru", "votes_election": "ccph-2022", "votes_round": "1"})
    assert at.selectbox(key="votes_election").value == "ccph-2022"
    assert at.selectbox(key="votes_round").value == 1
    assert not [x.value for x in at.toast]
