"""The Administration page's view-model without AppTest: the source's health and the
allow-list in words, from plain values worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from utils.views import admin
from utils.views.sections import broken_sections, unwrap

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _health(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "source": "Google Sheet",
        "api_requests": 1234,
        "refreshes": 3,
        "last_success_at": NOW - timedelta(minutes=5),
        "last_error": None,
        "last_error_at": None,
        "snapshot_saved_at": NOW - timedelta(minutes=90),  # 1.5 hours ago
        "failures_in_a_row": 0,
        "next_read_at": None,
        "reading": False,
    }
    return record | changes


def _view(health: dict[str, object], sign_in: admin.SignIn | None = None) -> admin.AdminView:
    return admin.build(health, sign_in, lang="en", source="Google Sheet", now=NOW)


def test_the_source_in_numbers() -> None:
    view = _view(_health())
    assert broken_sections(view) == []
    source = unwrap(view.source)
    assert source.source == "Source: Google Sheet"
    assert [(m.label, m.value) for m in source.metrics] == [
        ("Requests to Google", "1,234"),
        ("Successful reads", "3"),
        ("Age of the saved copy", "1.5 h"),
    ]
    assert source.captions[0].startswith("Last good copy saved ")
    assert source.captions[1].startswith("Last successful read: ")
    assert source.error is None
    assert source.no_error == "No error since the server started."


def test_nothing_saved_and_no_request_counter() -> None:
    source = unwrap(_view(_health(api_requests=None, snapshot_saved_at=None)).source)
    assert source.metrics[0].value == "—"
    assert source.metrics[2].value == "—"
    assert source.captions[0] == "No copy has been saved yet (the sample is never saved)."


def test_the_last_error_is_escaped() -> None:
    failed = _health(last_error="quota <b>exceeded</b>", last_error_at=NOW)
    error = unwrap(_view(failed).source).error
    assert error is not None and error.startswith("Last error, ")
    assert "exceeded" in error and "<b>" not in error


def test_open_mode() -> None:
    access = unwrap(_view(_health()).access)
    assert access.open_mode is not None and access.open_mode.startswith("Sign-in is not set up")
    assert access.allow_list is None


def test_the_allow_list_in_words() -> None:
    sign_in = admin.SignIn(
        providers=("Google",),
        public_view=False,
        problems=((3, "bad_role"),),
        rules=(("b@coalition.kg", "editor"), ("a@coalition.kg", "none")),
    )
    access = unwrap(_view(_health(), sign_in).access)
    assert access.open_mode is None
    assert access.providers == "Sign-in providers: Google."
    assert access.public.startswith("The public view is off")
    assert access.problems == (
        "Entry 3 of `[access]` has a role other than `viewer`, `editor`, `admin` or `none` "
        "and is ignored.",
    )
    assert access.empty_list is None
    assert access.allow_list is not None
    assert access.allow_list.to_dict("records") == [
        {"address": "a@coalition.kg", "role": "refused"},
        {"address": "b@coalition.kg", "role": "editor"},
    ]


def test_an_empty_allow_list_and_no_provider() -> None:
    access = unwrap(_view(_health(), admin.SignIn(providers=(), public_view=True)).access)
    assert access.providers.startswith("Sign-in providers: Sign-in is switched on but no")
    assert access.public.startswith("The public view is on")
    assert access.empty_list == "The allow-list is empty: nobody can see data after signing in."
    assert access.allow_list is None
