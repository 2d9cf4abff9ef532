"""Each role through the real app (AppTest with a mocked ``st.user`` and test secrets): the pages
it is offered, the pages it can open by a direct link, and everything the page sends, scanned
for restricted data and for secrets."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from data.make_sample import build_sample
from tests.apptest import checked, page, run, run_page
from utils.i18n import t

COOKIE_SECRET = "cookie-8f3a1c9e2b7d4a60"
CLIENT_SECRET = "GOCSPX-client-5e1b7c2d9a"
CLIENT_ID = "1234-test.apps.googleusercontent.com"
PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-test-key\n-----END PRIVATE KEY-----\n"
SECRET_VALUES = (COOKIE_SECRET, CLIENT_SECRET, CLIENT_ID, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")

PRIVATE_NAME = "Human rights violations documented"  # the sample's one indicator not public
PRIVATE_ID = "rights_violations"
PUBLIC_NAME = "HIV prevention coverage among key populations"
BAD_VALUE = "lots-and-lots"  # an unreadable numerator planted in the workbook: a sheet problem


def secrets(*, public_view: bool = False) -> dict[str, Any]:
    """Sign-in with Google, an allow-list, and a service account key that must never travel."""
    return {
        "auth": {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": COOKIE_SECRET,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
        },
        "access": {
            "@coalition.kg": "viewer",
            "Editor@Coalition.kg": "editor",
            "boss@example.org": "admin",
            "former@coalition.kg": "none",
            "public_view": public_view,
        },
        "gcp_service_account": {"type": "service_account", "private_key": PRIVATE_KEY},
    }


def user(email: str | None = None, **claims: Any) -> dict[str, Any]:
    """A signed-in ``st.user`` (no e-mail claim when ``email`` is None)."""
    found: dict[str, Any] = {"is_logged_in": True, "name": "Test Person", **claims}
    if email is not None:
        found["email"] = email
    return found


LOGGED_OUT = {"is_logged_in": False}


def app(
    script: str = "app.py",
    *,
    who: dict[str, Any] | None,
    public_view: bool = False,
    lang: str = "en",
) -> AppTest:
    """The app (or one page) for this visitor; ``who=None`` means no [auth] at all."""
    if who is None:
        return page(script, lang=lang)
    return page(script, lang=lang, secrets=secrets(public_view=public_view), user=who)


def offered(at: AppTest) -> set[str]:
    """The page files the navigation offers (what the browser's menu receives)."""
    return {
        Path(str(info.get("script_path") or "")).stem or f"callable:{info.get('page_name')}"
        for info in at._registered_pages.values()
    }


def _nodes(node: Any) -> Iterator[Any]:
    """Every block and element under ``node``."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def sent(at: AppTest) -> bytes:
    """Everything the run put in the page: every element's protobuf, serialised (Arrow tables,
    chart specs, widget options, markdown), as the WebSocket would carry it."""
    parts = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            parts.append(proto.SerializeToString())
    return b"\n".join(parts)


def carries(payload: bytes, text: str) -> bool:
    """True when ``text`` is in the payload, raw or JSON-escaped (plotly specs escape)."""
    escaped = text.encode("unicode_escape").replace(b"\\n", b"\\\\n")
    return text.encode("utf-8") in payload or escaped in payload


def assert_no_secret(at: AppTest) -> None:
    payload = sent(at)
    for value in SECRET_VALUES:
        assert not carries(payload, value), f"a secret reached the page: {value[:8]}…"


@pytest.fixture
def with_problem(use_workbook) -> None:
    """The sample with one unreadable cell, so the sheet has a problem to show (or hide)."""
    grids = build_sample()
    header = grids["indicators"][0]
    bad = list(grids["indicators"][1])
    bad[header.index("numerator")] = BAD_VALUE
    grids["indicators"].append(bad)
    use_workbook(grids)


VIEWER_PAGES = {"overview", "program_access", "votes", "strategy", "monitoring"}


# --- The pages each role is offered ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected", "extra_ok"),
    [
        (None, VIEWER_PAGES | {"sheet_health", "admin"}, {"slideshow"}),  # open mode
        (user("someone@coalition.kg"), VIEWER_PAGES, {"slideshow"}),
        (user("SomeOne@COALITION.KG"), VIEWER_PAGES, {"slideshow"}),
        (user("editor@coalition.kg"), VIEWER_PAGES | {"sheet_health"}, {"slideshow"}),
        (user("EDITOR@coalition.KG"), VIEWER_PAGES | {"sheet_health"}, {"slideshow"}),
        (user("Boss@Example.org"), VIEWER_PAGES | {"sheet_health", "admin"}, {"slideshow"}),
    ],
)
def test_each_role_is_offered_exactly_its_pages(
    who: dict | None, expected: set[str], extra_ok: set[str]
) -> None:
    at = app(who=who)
    run(at)
    assert expected <= offered(at) <= expected | extra_ok
    assert at.title[0].value == t("overview.title", "en")
    assert_no_secret(at)


@pytest.mark.parametrize(
    ("who", "line"),
    [
        (None, t("auth.mode.open", "en")),
        (
            user("Editor@Coalition.kg"),
            t("auth.mode.member", "en", email="editor@coalition.kg", role="editor"),
        ),
        (LOGGED_OUT, t("auth.mode.public", "en")),
    ],
)
def test_the_sidebar_says_the_mode(who: dict | None, line: str) -> None:
    at = app(who=who, public_view=True)
    run(at)
    assert line in [c.value for c in at.sidebar.caption]


# --- Nobody gets data without a place on the list ----------------------------------------------


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (user("stranger@other.org"), "auth.outsider.not_listed"),
        (user("former@coalition.kg"), "auth.outsider.not_listed"),  # refused by name
        (user(None), "auth.outsider.no_email"),
        (user(None, preferred_username="someone@coalition.kg"), "auth.outsider.no_email"),
        (user("someone@coalition.kg", email_verified=False), "auth.outsider.unverified"),
    ],
)
def test_an_outsider_sees_a_polite_page_and_no_data(
    who: dict, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_data() -> None:
        raise AssertionError("data were read for someone without access")

    monkeypatch.setattr("utils.web.ui.get_data", no_data)
    monkeypatch.setattr("utils.store.load.get_data", no_data)
    at = app(who=who)
    run(at)
    assert offered(at) == {"callable:United Voices"}, "no page name is listed for an outsider"
    assert t(message, "en") in [i.value for i in at.info]
    assert t("auth.sign_out", "en") in [b.label for b in at.button]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    assert not carries(sent(at), PUBLIC_NAME)
    assert_no_secret(at)


def test_signed_out_without_a_public_view_gets_the_sign_in_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("utils.web.ui.get_data", lambda: pytest.fail("data read before sign-in"))
    at = app(who=LOGGED_OUT)
    run(at)
    assert offered(at) == {"callable:United Voices"}
    assert t("auth.sign_in", "en") in [b.label for b in at.button]
    assert not at.metric and not at.dataframe
    assert_no_secret(at)


def test_the_default_test_user_is_not_signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest's default st.user has an e-mail but no login flag: that is not a sign-in."""
    monkeypatch.setattr("utils.web.ui.get_data", lambda: pytest.fail("data read before sign-in"))
    at = run_page("app.py", secrets=secrets())
    assert offered(at) == {"callable:United Voices"}


def test_a_broken_sign_in_setup_says_so_plainly_and_logs_no_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    at = run(app(who=LOGGED_OUT))
    with caplog.at_level(logging.DEBUG):
        at.button(key="auth_sign_in_default").click()
        run(at, expect_errors=(t("auth.sign_in_failed", "en"),))
    # The test process has no .streamlit/secrets.toml for Streamlit's own check: it refuses.
    assert t("auth.sign_in_failed", "en") in [e.value for e in at.error]
    assert_no_secret(at)
    for value in SECRET_VALUES:
        assert value not in caplog.text


def test_signing_out_forgets_the_identity_and_draws_nothing_more() -> None:
    script = (
        "import streamlit as st\n"
        "from utils.web import session\n"
        "session.sign_out_button('en')\n"
        "st.write('still here')\n"
    )
    at = AppTest.from_string(script, default_timeout=60)
    at.secrets, at.user = secrets(), user("someone@coalition.kg")
    run(at)
    assert [m.value for m in at.markdown] == ["still here"]
    checked(at.button(key="auth_sign_out").click().run())
    assert at.user.get("is_logged_in") is False
    assert not at.markdown, "nothing is drawn after signing out"
    # The next run, as the new session the browser opens, is a signed-out visitor's.
    after = run(app(who=at.user))
    assert offered(after) == {"callable:United Voices"}
    assert not after.metric


# --- A direct link does not get round the menu --------------------------------------------------


@pytest.mark.parametrize(
    ("page", "who", "public_view"),
    [
        ("pages/sheet_health.py", user("someone@coalition.kg"), False),
        ("pages/admin.py", user("editor@coalition.kg"), False),
        ("pages/votes.py", LOGGED_OUT, True),
        ("pages/strategy.py", LOGGED_OUT, True),
        ("pages/overview.py", LOGGED_OUT, True),
        ("pages/sheet_health.py", LOGGED_OUT, True),
    ],
)
def test_a_page_run_directly_checks_the_role_itself(
    page: str, who: dict, public_view: bool, with_problem: None
) -> None:
    at = app(page, who=who, public_view=public_view)
    run(at)
    assert t("auth.denied", "en") in [w.value for w in at.warning]
    assert not at.dataframe and not at.metric and not at.get("plotly_chart")
    payload = sent(at)
    assert not carries(payload, BAD_VALUE)
    assert not carries(payload, PRIVATE_NAME)
    assert_no_secret(at)


def test_a_page_outside_the_menu_cannot_be_switched_to() -> None:
    at = run(app(who=user("someone@coalition.kg")))
    with pytest.raises(ValueError):
        at.switch_page("pages/sheet_health.py")


# --- What each role's pages carry -------------------------------------------------------------


def test_the_public_view_sends_only_public_indicators() -> None:
    at = app(who=LOGGED_OUT, public_view=True)
    run(at)
    assert offered(at) == {"program_access"}
    assert at.title[0].value == t("access.title", "en")
    payload = sent(at)
    assert carries(payload, PUBLIC_NAME), "the public indicators are there"
    assert not carries(payload, PRIVATE_NAME)
    assert not carries(payload, PRIVATE_ID)
    assert t("auth.sign_in", "en") in [b.label for b in at.sidebar.button]
    with pytest.raises(ValueError):
        at.switch_page("pages/votes.py")
    assert_no_secret(at)


def test_the_public_view_ignores_a_private_indicator_in_the_link() -> None:
    at = app(who=LOGGED_OUT, public_view=True)
    at.query_params["access_indicator"] = PRIVATE_ID
    run(at)
    payload = sent(at)
    assert not carries(payload, PRIVATE_NAME)


def test_a_member_sees_the_private_indicator() -> None:
    """The scan above can fail: a viewer's page does carry the private indicator's name."""
    at = app("pages/program_access.py", who=user("someone@coalition.kg"))
    run(at)
    assert carries(sent(at), PRIVATE_NAME)


@pytest.mark.parametrize(
    ("who", "sees_problems"),
    [
        (user("someone@coalition.kg"), False),
        (user("editor@coalition.kg"), True),
        (None, True),  # open mode: as before sign-in existed
    ],
)
def test_the_sheet_problems_reach_editors_only(
    who: dict | None, sees_problems: bool, with_problem: None
) -> None:
    at = app(who=who)
    run(at)
    said = "in the sheet could not be used"  # "1 value in the sheet could not be used."
    warned = any(said in w.value for w in at.warning)
    assert warned is sees_problems
    assert_no_secret(at)


def test_an_editor_gets_the_sheet_problems_refresh_and_template(with_problem: None) -> None:
    at = app("pages/sheet_health.py", who=user("Editor@coalition.KG"))
    run(at, expect_errors=("Errors: ",))  # the health summary of the planted cell
    assert carries(sent(at), BAD_VALUE)
    assert t("action.refresh", "en") in [b.label for b in at.button]
    assert at.get("download_button")
    assert_no_secret(at)


def test_the_refresh_button_renders_for_editors_only() -> None:
    script = "from utils.web.ui import refresh_button\nrefresh_button('en', key='t_refresh')\n"
    for who, shown in ((user("someone@coalition.kg"), False), (user("editor@coalition.kg"), True)):
        at = AppTest.from_string(script, default_timeout=60)
        at.secrets, at.user = secrets(), who
        run(at)
        assert bool(at.button) is shown, who


def test_an_admin_sees_the_source_health_and_no_secret() -> None:
    at = app("pages/admin.py", who=user("boss@example.org"))
    run(at)
    labels = [m.label for m in at.metric]
    assert t("auth.admin.reads", "en") in labels
    assert t("auth.admin.snapshot_age", "en") in labels
    assert at.dataframe, "the allow-list is shown to the admin"
    assert_no_secret(at)
