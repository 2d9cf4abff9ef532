"""The one way a test runs a page through AppTest, and it cannot pass by accident.

``ui.guarded`` (and a view-model's broken section) turns a bug into a friendly on-screen line,
so "no exception escaped" proves nothing. A run through :func:`run_page` or :func:`checked`
fails on:

- any exception the script raised (``at.exception``);
- any error box showing the text of message ``error.unexpected``, in any language: a section
  failed;
- any other ``st.error`` the test did not say it expects (``expect_errors``: substrings, one of
  which each error box must contain);
- any section failure logged by ``guarded`` or a view-model, even one drawn as something else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from utils.i18n import t
from utils.web import url_state

LANGUAGES = ("en", "ru", "ky")
SECTION_LOGGERS = ("united_voices.ui", "united_voices.views")
"""Where ``guarded`` and ``utils.views.sections.attempt`` log a failed section."""

PAGE_FILES: dict[str, str] = {
    "overview": "pages/overview.py",
    "access": "pages/program_access.py",
    "votes": "pages/votes.py",
    "strategy": "pages/strategy.py",
    "monitoring": "pages/monitoring.py",
    "health": "pages/sheet_health.py",
    "present": "pages/slideshow.py",
}
"""The script of each area of ``utils.web.url_state.PAGE_KEYS`` (tests/test_url_state.py checks
both lists against the pages)."""


def opened(page: str) -> dict[str, str]:
    """The query that opens every section ``page`` (a path like ``pages/x.py``) draws only once
    the reader opens it: its URL keys ending in ``_open`` (``ui.on_demand``). Tests of
    everything a page can show pass it."""
    return {
        key: "true"
        for area, script in PAGE_FILES.items()
        if script == page
        for key in url_state.PAGE_KEYS[area]
        if key.endswith("_open")
    }


ANY_ERROR: tuple[str, ...] = ("",)
"""``expect_errors`` for tests of a failing source, which judge its error boxes themselves:
any error box may show, except ``guarded``'s."""


def unexpected_texts() -> set[str]:
    """The friendly line ``guarded`` shows for a failed section, in every language."""
    return {t("error.unexpected", lang) for lang in LANGUAGES}


class _Failures(logging.Handler):
    """Collects the section failures logged during a run."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        cause = f": {record.exc_info[1]!r}" if record.exc_info else ""
        self.found.append(f"{record.name}: {record.getMessage()}{cause}")


@contextmanager
def _section_failures() -> Iterator[_Failures]:
    """A handler on the section loggers for the length of one run."""
    handler = _Failures()
    loggers = [logging.getLogger(name) for name in SECTION_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def page(
    script: str,
    *,
    lang: str | None = "en",
    query: Mapping[str, object] | None = None,
    state: Mapping[str, object] | None = None,
    secrets: Mapping[str, Any] | None = None,
    user: Mapping[str, Any] | None = None,
    timeout: float = 120,
) -> AppTest:
    """An AppTest of ``script`` (a path under the repo, e.g. ``"pages/votes.py"``), not run yet.

    ``lang`` goes in the URL (``None``: no ``lang`` parameter), then ``query``; ``state`` goes
    in the session state; ``secrets`` and ``user`` (a mocked ``st.user``) when given.
    """
    at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if secrets is not None:
        at.secrets = dict(secrets)
    if user is not None:
        at.user = dict(user)
    return at


def checked(
    at: AppTest, *, expect_errors: Sequence[str] = (), failures: Sequence[str] = ()
) -> AppTest:
    """``at`` after a run, asserted clean (see the module docstring); returns it.

    ``expect_errors``: substrings; every ``st.error`` must contain one of them. The
    ``error.unexpected`` line is never expected. ``failures``: section failures logged during
    the run (by :func:`run`).
    """
    assert not at.exception, "the page raised: " + "; ".join(str(e.value) for e in at.exception)
    assert not failures, "a section failed: " + "; ".join(failures)
    friendly = unexpected_texts()
    errors = [str(e.value) for e in at.error]
    broken = [e for e in errors if e in friendly]
    assert not broken, f"a section failed and guarded showed {broken[0]!r}"
    unexpected = [e for e in errors if not any(part in e for part in expect_errors)]
    assert not unexpected, f"an error box the test did not expect: {unexpected}"
    return at


def run(at: AppTest, *, expect_errors: Sequence[str] = ()) -> AppTest:
    """Run ``at`` (first run, or again after a widget change) and assert it clean."""
    with _section_failures() as logged:
        at.run()
    return checked(at, expect_errors=expect_errors, failures=logged.found)


def run_page(
    script: str,
    *,
    lang: str | None = "en",
    query: Mapping[str, object] | None = None,
    state: Mapping[str, object] | None = None,
    secrets: Mapping[str, Any] | None = None,
    user: Mapping[str, Any] | None = None,
    expect_errors: Sequence[str] = (),
    timeout: float = 120,
) -> AppTest:
    """Run one page (see :func:`page`) and assert it clean (see :func:`checked`)."""
    at = page(
        script, lang=lang, query=query, state=state, secrets=secrets, user=user, timeout=timeout
    )
    return run(at, expect_errors=expect_errors)
