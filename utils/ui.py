"""Shared widgets: language, presenter mode, the data banner and the "no data" page.

Every page calls ``page_start`` first: it returns the language and the loaded data, and has
already told the reader where the data come from, how fresh they are, and whether they are
the bundled sample.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from utils.i18n import LANGUAGE_NAMES, LANGUAGES, fmt_datetime, normalise_language, t
from utils.load import Loaded, get_data, request_refresh
from utils.parse import Workbook

log = logging.getLogger("united_voices.ui")

LANG_KEY = "lang"
PRESENT_KEY = "present"


def language() -> str:
    """The reader's language: the URL, else the browser's, else Russian."""
    chosen = st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    return normalise_language(getattr(st.context, "locale", None))


def language_picker() -> str:
    """The sidebar's language selector, kept in the URL as ?lang=."""
    current = language()
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = current
    return str(
        st.sidebar.selectbox(
            "Язык · Тил · Language",
            LANGUAGES,
            key=LANG_KEY,
            format_func=LANGUAGE_NAMES.__getitem__,
            bind="query-params",
        )
    )


def presenter_mode() -> bool:
    """True when the presenter toggle (or ?present=true) is on."""
    return bool(st.session_state.get(PRESENT_KEY, False))


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the shell."""

    lang: str
    loaded: Loaded
    workbook: Workbook
    presenting: bool


def data_banner(loaded: Loaded, lang: str) -> None:
    """Where the data come from, how fresh, and a warning when they are a sample or stale."""
    if loaded.is_sample:
        st.info(t("banner.sample", lang), icon=":material/science:")
    if loaded.stale is not None:
        age = datetime.now(UTC) - loaded.stale.saved_at
        st.warning(
            t(
                "banner.stale",
                lang,
                when=fmt_datetime(loaded.stale.saved_at, lang),
                hours=round(age.total_seconds() / 3600, 1),
                reason=loaded.stale.reason,
            ),
            icon=":material/history:",
        )
    if loaded.as_of is not None:
        st.caption(
            t(
                "banner.as_of",
                lang,
                when=fmt_datetime(loaded.as_of, lang),
                source=loaded.source_label,
            )
        )


def _leave_legacy_navigation() -> None:
    """Make a deep link run through app.py's navigation, even as a fresh server's first visit.

    Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until app.py has
    called ``st.navigation`` once; until then a link to /votes would run the page alone, without
    the language picker or presenter toggle. Clearing that flag and rerunning sends this first
    visit through app.py; every later visit already goes that way.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get("_uv_navigated"):
        PagesManager.uses_pages_directory = False
        st.session_state["_uv_navigated"] = True
        st.rerun()


def page_start(title_key: str) -> PageContext:
    """Title, banner and data for a page; stops the page with a clear message when no data."""
    _leave_legacy_navigation()
    lang = language()
    loaded = get_data()
    st.title(t(title_key, lang))
    data_banner(loaded, lang)
    if loaded.workbook is None:
        st.error(t("error.no_data", lang, reason=loaded.failure or ""), icon=":material/cloud_off:")
        st.stop()
    return PageContext(lang, loaded, loaded.workbook, presenter_mode())


def missing_tab(tab: str, lang: str) -> None:
    """Say in plain words that the tab this section needs is absent or empty."""
    st.info(t("empty.tab", lang, tab=tab), icon=":material/table_view:")


def refresh_button(lang: str, key: str) -> None:
    """Editors' "Refresh now", rate-limited for the whole server."""
    if st.button(t("action.refresh", lang), key=key, icon=":material/refresh:"):
        wait = request_refresh()
        if wait:
            st.toast(t("refresh.wait", lang, seconds=wait))
        else:
            st.rerun()


def plain(text: object) -> str:
    """Sheet text made safe to place inside Markdown or HTML: escaped, never interpreted."""
    escaped = html.escape(str(text), quote=True)
    for char in "\\`*_{}[]()#+-.!|<>~$":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Run one section of a page; a bug shows a friendly line (logged on the server), not a
    traceback, and the rest of the page still renders."""
    try:
        yield
    except (StopException, RerunException):
        raise
    except Exception:
        log.exception("a page section failed")
        st.error(t("error.unexpected", lang), icon=":material/error:")
