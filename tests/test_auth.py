"""Who may see what: allow-list parsing, the role of an address, pages, abilities, and the data
each role receives. Pure functions, table-driven."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from data.make_sample import build_sample
from utils.sheet.parse import parse_workbook
from utils.web import auth
from utils.web.auth import Access, Policy

RULES_TABLE = {
    "@coalition.kg": "viewer",
    "Ed@Coalition.KG": "editor",
    " boss@example.org ": "ADMIN",
    "gone@coalition.kg": "none",
    "public_view": True,
}


@pytest.fixture(scope="module")
def rules() -> dict[str, str]:
    found, problems = auth.parse_allow_list(RULES_TABLE)
    assert problems == []
    return found


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("someone@coalition.kg", "viewer"),  # the domain's role
        ("SOMEONE@Coalition.KG", "viewer"),  # case does not matter
        ("ed@coalition.kg", "editor"),  # the exact address beats the domain
        ("ED@COALITION.KG", "editor"),
        ("  ed@coalition.kg ", "editor"),  # spaces around are ignored
        ("boss@example.org", "admin"),
        ("other@example.org", None),  # an address's own entry does not open its domain
        ("gone@coalition.kg", None),  # "none" refuses one address of a listed domain
        ("x@sub.coalition.kg", None),  # a domain entry is that domain only, not subdomains
        ("x@coalition.kg.evil.org", None),
        ("x@evilcoalition.kg", None),
        ("not-an-address", None),
        ("a@b@coalition.kg", None),
        ("", None),
    ],
)
def test_role_of_an_address(rules: dict[str, str], email: str, role: str | None) -> None:
    assert auth.role_for(email, rules) == role


@pytest.mark.parametrize(
    ("table", "expected_rules", "expected_problems"),
    [
        ({"a@x.org": "viewer"}, {"a@x.org": "viewer"}, []),
        ({"a@x.org": "Owner"}, {}, [(1, "bad_role")]),
        ({"a@x.org": 3}, {}, [(1, "bad_role")]),
        ({"@x": "viewer"}, {}, [(1, "bad_address")]),
        ({"a@": "viewer"}, {}, [(1, "bad_address")]),
        ({"A@x.org": "admin", "a@X.org": "viewer"}, {"a@x.org": "viewer"}, [(2, "twice")]),
        ({"a@x.org": "viewer", "A@x.org": "admin"}, {"a@x.org": "viewer"}, [(2, "twice")]),
        ({"public_view": True, "note": "x"}, {}, []),  # settings, not entries
    ],
)
def test_allow_list_parsing(
    table: dict[str, Any], expected_rules: dict[str, str], expected_problems: list
) -> None:
    found, problems = auth.parse_allow_list(table)
    assert found == expected_rules
    assert problems == expected_problems


@pytest.mark.parametrize(
    ("secrets", "enabled", "public", "providers"),
    [
        ({}, False, False, ()),
        ({"access": {"a@x.org": "admin", "public_view": True}}, False, True, ()),
        ({"auth": {}}, False, False, ()),
        ({"auth": {"cookie_secret": "s", "client_id": "c"}}, True, False, (None,)),
        (
            {
                "auth": {
                    "cookie_secret": "s",
                    "google": {"client_id": "g"},
                    "microsoft": {"client_id": "m"},
                },
                "access": {"public_view": "yes"},
            },
            True,
            True,
            ("google", "microsoft"),
        ),
        ({"auth": {"cookie_secret": "s"}, "access": {"public_view": "maybe"}}, True, False, ()),
    ],
)
def test_reading_the_policy(secrets: dict, enabled: bool, public: bool, providers: tuple) -> None:
    policy = auth.read_policy(secrets)
    assert policy.auth_enabled is enabled
    assert policy.public_view is public
    assert policy.providers == providers


def test_the_policy_holds_no_secret_value() -> None:
    secrets = {
        "auth": {
            "cookie_secret": "COOKIE-VALUE",
            "client_secret": "CLIENT-VALUE",
            "google": {"client_id": "ID-VALUE", "client_secret": "GOOGLE-VALUE"},
        }
    }
    text = repr(auth.read_policy(secrets))
    for value in ("COOKIE-VALUE", "CLIENT-VALUE", "ID-VALUE", "GOOGLE-VALUE"):
        assert value not in text


ON = Policy(True, {"@coalition.kg": "viewer", "ed@coalition.kg": "editor"})
ON_PUBLIC = Policy(True, {"@coalition.kg": "viewer"}, public_view=True)
OFF = Policy(False, {"@coalition.kg": "viewer"})


@pytest.mark.parametrize(
    ("policy", "claims", "expected"),
    [
        (OFF, {}, Access("open", "admin")),
        (OFF, {"is_logged_in": True, "email": "x@y.org"}, Access("open", "admin")),
        (ON, {}, Access("sign_in", None)),
        (ON, {"email": "ed@coalition.kg"}, Access("sign_in", None)),  # no login flag: not in
        (ON, {"is_logged_in": False}, Access("sign_in", None)),
        (ON, {"is_logged_in": "true", "email": "ed@coalition.kg"}, Access("sign_in", None)),
        (ON_PUBLIC, {"is_logged_in": False}, Access("public", "public")),
        (
            ON,
            {"is_logged_in": True, "email": "Ed@Coalition.KG"},
            Access("member", "editor", "ed@coalition.kg"),
        ),
        (
            ON,
            {"is_logged_in": True, "email": "a@coalition.kg", "email_verified": True},
            Access("member", "viewer", "a@coalition.kg"),
        ),
        (
            ON,
            {"is_logged_in": True, "email": "a@coalition.kg", "email_verified": False},
            Access("outsider", None, "a@coalition.kg", "unverified"),
        ),
        (
            ON,
            {"is_logged_in": True, "email": "a@coalition.kg", "email_verified": "false"},
            Access("outsider", None, "a@coalition.kg", "unverified"),
        ),
        (
            ON,
            {"is_logged_in": True, "email": "x@other.org"},
            Access("outsider", None, "x@other.org", "not_listed"),
        ),
        (ON, {"is_logged_in": True}, Access("outsider", None, None, "no_email")),
        (ON, {"is_logged_in": True, "email": ""}, Access("outsider", None, None, "no_email")),
        (ON, {"is_logged_in": True, "email": None}, Access("outsider", None, None, "no_email")),
        (
            ON,
            {"is_logged_in": True, "preferred_username": "a@coalition.kg"},
            Access("outsider", None, None, "no_email"),  # only the e-mail claim counts
        ),
        (
            ON_PUBLIC,
            {"is_logged_in": True, "email": "x@other.org"},
            Access("outsider", None, "x@other.org", "not_listed"),  # signing in never lowers
        ),
    ],
)
def test_deciding_access(policy: Policy, claims: dict, expected: Access) -> None:
    assert auth.decide(policy, claims) == expected


PAGES = ["overview", "access", "votes", "strategy", "slideshow", "sheet-health", "admin"]


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        (None, []),
        ("public", ["access"]),
        ("viewer", ["overview", "access", "votes", "strategy", "slideshow"]),
        ("editor", ["overview", "access", "votes", "strategy", "slideshow", "sheet-health"]),
        ("admin", PAGES),
    ],
)
def test_pages_of_each_role(role: auth.Role | None, pages: list[str]) -> None:
    assert auth.pages_for(role, PAGES) == pages


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("sheet_health.py", "sheet-health"),
        ("/work/x/pages/program_access.py", "access"),
        ("sheet-health", "sheet-health"),
        ("/admin", "admin"),
        ("new_page.py", "new_page"),
    ],
)
def test_page_ids_from_files_and_url_paths(name: str, page: str) -> None:
    assert auth.page_id(name) == page


def test_an_unknown_page_needs_a_viewer() -> None:
    assert not auth.may_see_page("public", "new_page.py")
    assert auth.may_see_page("viewer", "new_page.py")


@pytest.mark.parametrize(
    ("ability", "allowed"),
    [
        ("see_problems", ["editor", "admin"]),
        ("refresh", ["editor", "admin"]),
        ("template", ["editor", "admin"]),
        ("source_health", ["admin"]),
        ("something_new", ["admin"]),
    ],
)
def test_abilities(ability: str, allowed: list[str]) -> None:
    assert [r for r in auth.ROLES if auth.may(r, ability)] == allowed
    assert not auth.may(None, ability)


# --- The data each role receives ----------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook():
    grids = build_sample()
    # A problem for the viewer test: one unreadable value in the indicators tab.
    header = grids["indicators"][0]
    bad = list(grids["indicators"][1])
    bad[header.index("numerator")] = "lots"
    grids["indicators"].append(bad)
    return parse_workbook(grids)


def test_the_sample_has_public_and_private_indicators(workbook) -> None:
    ids = auth.public_indicator_ids(workbook["catalog"])
    assert "prevention_coverage" in ids
    assert "rights_violations" not in ids
    assert workbook.problems, "the fixture carries at least one problem"


def test_public_workbook_holds_only_public_indicators(workbook) -> None:
    public = auth.workbook_for("public", workbook)
    ids = auth.public_indicator_ids(workbook["catalog"])
    assert set(public["catalog"]["id"]) == ids
    assert set(public["indicators"]["indicator"]) <= ids
    assert not public["indicators"].empty
    assert "rights_violations" not in public["catalog"].to_string()
    for tab in ("elections", "votes", "milestones", "members"):
        assert public[tab].empty and not public.has(tab), tab
    assert public.problems == ()
    assert public.missing_core_tabs == []


@pytest.mark.parametrize(
    ("marks", "public"),
    [
        ([True, False, None], {"a"}),
        ([None, None, None], set()),
    ],
)
def test_an_empty_public_cell_is_not_public(marks: list, public: set[str]) -> None:
    catalog = pd.DataFrame({"id": ["a", "b", "c"], "public": pd.array(marks, dtype="boolean")})
    assert auth.public_indicator_ids(catalog) == public


def test_a_catalog_without_the_public_column_shows_nothing_publicly() -> None:
    assert auth.public_indicator_ids(pd.DataFrame({"id": ["a"]})) == set()
    assert auth.public_indicator_ids(pd.DataFrame({"id": ["a"], "public": ["maybe"]})) == set()


@pytest.mark.parametrize(
    ("role", "sees_problems"), [("viewer", False), ("editor", True), ("admin", True)]
)
def test_problems_reach_editors_only(workbook, role: auth.Role, sees_problems: bool) -> None:
    mine = auth.workbook_for(role, workbook)
    assert bool(mine.problems) is sees_problems
    assert mine["indicators"].equals(workbook["indicators"])  # members see every indicator


@pytest.mark.parametrize(
    ("access", "sheet_links", "expected"),
    [
        (Access("open", "admin"), False, False),  # open mode: anyone with the address
        (Access("open", "admin"), True, True),  # ... unless the deployer chose to
        (Access("member", "viewer", "a@coalition.kg"), True, False),
        (Access("member", "editor", "e@coalition.kg"), False, True),
        (Access("member", "admin", "b@example.org"), False, True),
        (Access("public", "public"), True, False),
        (Access("sign_in", None), True, False),
        (Access("outsider", None, "x@other.org", "not_listed"), True, False),
        (Access("misconfigured", None), True, False),
    ],
)
def test_links_into_the_sheet_carry_its_id_so_only_editors_get_them(
    access: Access, sheet_links: bool, expected: bool
) -> None:
    assert auth.may_open_sheet(access, sheet_links) is expected
