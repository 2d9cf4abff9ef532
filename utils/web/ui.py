"""Shared widgets: language, presenter mode, the data banner and the "no data" page.

Every page calls ``page_start`` first: it returns the language and the loaded data, and has
already told the reader where the data come from, how fresh they are, and whether they are
the bundled sample.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from utils.i18n import LANGUAGE_NAMES, LANGUAGES, fmt_number, format_time, normalise_language, t
from utils.render.text import for_markdown, set_reader_language
from utils.sheet.parse import Workbook
from utils.store.load import Loaded, get_data, reads_finished, request_refresh
from utils.views import freshness
from utils.views.sections import SectionBroken
from utils.web import cache, checkin, session, url_state
from utils.web.auth import Role

log = logging.getLogger("united_voices.ui")

T = TypeVar("T")
Names = Callable[[Any, str], str]
"""An option's label in a language: ``names(option, lang)``."""

LANG_KEY = "lang"
PRESENT_KEY = "present"
PRESENT_EXIT_KEY = "present_exit"

# Session keys of the shareable-view check (see utils/web/url_state.py).
_URL_SNAPSHOT = "_uv_url_snapshot"  # the URL's parameters before any widget read them
_URL_FRESH = "_uv_url_fresh"  # set by app.py's first call this run; page_start takes it
_URL_AREA = "_uv_url_area"  # the running page's area, so guarded() can finish the check
_URL_REPORTED = "_uv_url_reported"  # findings already shown this session
_LANG_WRITTEN = "_uv_lang_written"  # the ?lang= this session last wrote
_URL_WRITTEN = "_uv_url_written"  # {key: the ids this session last wrote to ?key=}
_URL_BOUND = "_uv_url_bound"  # {key: a bound widget's value, in URL form, as the last run left it}

REFRESH_POLL_SECONDS = 2.0  # while a background read runs, a page looks this often for its end

# Presenter mode: constants only, never text from the sheet or the URL. Type is enlarged by
# scaling the root size (Streamlit sizes text in rem); the sidebar and its expand control are
# hidden, and the exit button stays in the page so a presenter is never stuck.
PRESENTER_CSS = """<style>
html { font-size: 20px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0.5rem 2rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 1.9rem; padding: 0.2rem 0; }
[data-testid="stMain"] h2 { font-size: 1.6rem; }
[data-testid="stMain"] h3 { font-size: 1.35rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1.1rem; line-height: 1.45; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 0.9rem; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 2.2rem; font-weight: 600; line-height: 1.2; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1rem; }
</style>"""
READER_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""
"""On every page: a big number's label wraps onto a second line instead of being cut with "…"
(Streamlit truncates it to one line, which cut indicator and region names)."""


def language() -> str:
    """The reader's language: the URL, else the browser's, else Russian."""
    chosen = st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    return normalise_language(getattr(st.context, "locale", None))


def remember_url() -> None:
    """Copy the URL's parameters before any widget reads (and cleans) them; app.py's first call."""
    st.session_state[_URL_SNAPSHOT] = url_state.snapshot(st.query_params, st.query_params.get_all)
    st.session_state[_URL_FRESH] = True


def language_picker() -> str:
    """The sidebar's language selector, kept in the URL as ?lang=."""
    remember_url()  # first thing app.py does, before any widget reads the link
    # Kept in the URL by hand, not with bind="query-params": a bound selectbox writes its
    # displayed label (?lang=English) and drops ?lang=en from the URL at the next rerun, so a
    # link copied after any click lost its language.
    asked = st.query_params.get(LANG_KEY)
    if asked in LANGUAGES and asked != st.session_state.get(_LANG_WRITTEN):
        st.session_state[LANG_KEY] = asked  # a link chose it
    elif LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language()
    else:
        # Set again before the widget: a full rerun started from a fragment (follow_refresh on
        # the "no data" page) otherwise drew it with its default, Russian (Streamlit 1.67).
        st.session_state[LANG_KEY] = st.session_state[LANG_KEY]
    chosen = str(
        st.sidebar.selectbox(
            "Язык · Тил · Language",
            LANGUAGES,
            key=LANG_KEY,
            format_func=LANGUAGE_NAMES.__getitem__,
            placeholder=t("ui.choose", st.session_state[LANG_KEY]),  # not Streamlit's English
        )
    )
    if st.query_params.get(LANG_KEY) != chosen:
        st.query_params[LANG_KEY] = chosen
    st.session_state[_LANG_WRITTEN] = chosen
    return chosen


def _url_ids(value: Any, multiple: bool) -> tuple[str, ...]:
    """A widget's value as the ids the URL holds (None and [] hold none)."""
    if value is None:
        return ()
    return tuple(str(v) for v in value) if multiple else (str(value),)


def _url_choice(
    draw: Callable[..., Any],
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    names: Names,
    lang: str,
    default: Any,
    multiple: bool,
    **kwargs: Any,
) -> Any:
    """A choice widget kept in ?key= as option ids, read and written by hand.

    Not bind="query-params": a bound widget writes its displayed label (?access_indicator=
    Opioid+substitution+therapy+coverage), so a link made in one language did not open in
    another, and a link written with the sheet's ids was ignored. Same pattern as
    language_picker: the URL is read when it differs from what this session last wrote (a
    link was opened), else the widget keeps the reader's choice.
    """
    by_id = {str(o): o for o in options}
    written: dict[str, tuple[str, ...]] = st.session_state.setdefault(_URL_WRITTEN, {})
    asked = tuple(str(v) for v in st.query_params.get_all(key))
    default_ids = _url_ids(default, multiple)
    if asked != written.get(key, ()):
        found = url_state.resolve(
            asked,
            list(by_id),
            lambda: url_state.label_aliases(list(by_id), lambda i, lg: names(by_id[i], lg)),
            multiple=multiple,
        )
        if found.rejected:
            report_url([url_state.Finding(key, "ignored")], lang)
        chosen = [by_id[i] for i in found.ids]
        st.session_state[key] = chosen if multiple else (chosen[0] if chosen else default)
    elif key not in st.session_state:
        st.session_state[key] = default
    else:  # the options may have changed since (another filter): keep what still exists
        kept = st.session_state[key]
        if multiple:
            kept = [v for v in kept or () if str(v) in by_id]
        elif kept is not None and str(kept) not in by_id:
            kept = default
        if kept != st.session_state[key]:
            st.session_state[key] = kept
    value = draw(label, options, key=key, format_func=lambda o: names(o, lang), **kwargs)
    ids = _url_ids(value, multiple)
    ids = () if ids == default_ids or (not multiple and not ids) else ids
    if tuple(st.query_params.get_all(key)) != ids:
        if ids:
            st.query_params[key] = list(ids) if multiple else ids[0]
        elif key in st.query_params:
            del st.query_params[key]
    written[key] = ids
    return value


def url_selectbox(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    names: Names,
    lang: str,
    default: T | None = None,
    container: Any = st,
    **kwargs: Any,
) -> T:
    """A selectbox whose choice lives in ?key= as the option's id (any language's label is
    also read, for old links); ``default`` (else the first option) is left out of the URL."""
    first = default if default in options else (options[0] if options else None)
    kwargs.setdefault("placeholder", t("ui.choose", lang))  # not Streamlit's "Choose an option"
    return _url_choice(
        container.selectbox,
        label,
        options,
        key=key,
        names=names,
        lang=lang,
        default=first,
        multiple=False,
        **kwargs,
    )


def url_multiselect(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    names: Names,
    lang: str,
    container: Any = st,
    **kwargs: Any,
) -> list[T]:
    """A multiselect whose choices live in ?key= as option ids (repeated key); none chosen
    (the default) leaves ?key out of the URL."""
    return _url_choice(
        container.multiselect,
        label,
        options,
        key=key,
        names=names,
        lang=lang,
        default=[],
        multiple=True,
        **kwargs,
    )


def url_segmented_control(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    names: Names,
    lang: str,
    default: T,
    container: Any = st,
    **kwargs: Any,
) -> T | None:
    """A single-choice segmented control kept in ?key= as the option's id; ``default`` (and
    no choice at all) is left out of the URL."""
    return _url_choice(
        container.segmented_control,
        label,
        options,
        key=key,
        names=names,
        lang=lang,
        default=default,
        multiple=False,
        **kwargs,
    )


def on_demand(label: str, *, key: str, icon: str) -> DeltaGenerator | None:
    """A collapsed section titled ``label``, whose content a page draws only while it is open:
    the container to draw into, or None while the reader has it closed.

    Open in presenter mode; its state lives in the URL (``?key=true``), so a copied link opens
    it. A page's first chart waits for everything the browser receives with it, so what is
    below the fold waits for the reader instead (docs/PERFORMANCE.md).
    """
    box = st.expander(label, expanded=presenter_mode(), key=key, bind="query-params", icon=icon)
    return box if box.open else None


def presenter_mode() -> bool:
    """True when the presenter toggle (or ?present=true) is on."""
    return bool(st.session_state.get(PRESENT_KEY, False))


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the shell."""

    lang: str
    loaded: Loaded
    workbook: Workbook  # the cut of the data this viewer's role may receive
    presenting: bool
    role: str  # the viewer's role (a cached view is keyed on it: utils/web/cache.py)


def source_name(loaded: Loaded, lang: str) -> str:
    """Where the data come from, in the reader's language for the bundled sample."""
    return t("banner.sample_source", lang) if loaded.is_sample else loaded.source_label


def data_banner(loaded: Loaded, lang: str) -> None:
    """Where the data come from, how fresh, and a warning when they are a sample or stale.

    In presenter mode the sample notice and the "as of" line are one line, so a 1280×720
    slide keeps its room; a stale or re-reading source is still said in full.
    """
    now = loaded.checked_at or datetime.now(UTC)
    calm = not (loaded.is_stale and loaded.failure is not None) and not (
        loaded.from_disk and loaded.reading
    )
    if presenter_mode() and calm and loaded.as_of is not None:
        when = format_time(loaded.as_of, lang)
        line = t("banner.as_of", lang, when=when, source=source_name(loaded, lang))
        if loaded.is_sample:
            line = f":material/science: {t('banner.sample_short', lang)} · {line}"
        st.caption(line)
        return
    if loaded.is_sample:
        st.info(t("banner.sample", lang), icon=":material/science:")
    if loaded.is_stale and loaded.failure is not None and loaded.as_of is not None:
        st.warning(
            freshness.stale_banner(
                loaded.failure, loaded.as_of, reading=loaded.reading, now=now, lang=lang
            ),
            icon=":material/history:",
        )
    elif loaded.from_disk and loaded.reading and loaded.as_of is not None:
        st.info(freshness.checking_note(loaded.as_of, now=now, lang=lang), icon=":material/sync:")
    if loaded.as_of is not None:
        st.caption(
            t(
                "banner.as_of",
                lang,
                when=format_time(loaded.as_of, lang),
                source=source_name(loaded, lang),
            )
        )


@st.fragment(run_every=REFRESH_POLL_SECONDS)
def follow_refresh(finished: int, lang: str, *, redraw: bool) -> None:
    """Drawn only while a read runs in the background: every few seconds, look whether it has
    ended. The "no data" page (``redraw``) is then drawn again, with the data or why not. A page
    with data only says so: a rerun started from a fragment reset the page's filters to their
    defaults (Streamlit 1.67), and a page in use must never change under its reader."""
    if reads_finished() == finished:
        return
    if redraw:
        st.rerun()
    st.info(t("source.read_done", lang), icon=":material/sync:")


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


def presenter_style() -> None:
    """Large type, no sidebar, and a visible way out: only constants go into the page."""
    st.html(PRESENTER_CSS)


def _exit_presenter() -> None:
    """Leave presenter mode (the toggle in app.py is bound to ?present=, so the URL follows)."""
    st.session_state[PRESENT_KEY] = False


def exit_presenter_button(lang: str, container: DeltaGenerator | None = None) -> None:
    """The small "exit presenter mode" button every page shows while presenting."""
    (container or st).button(
        t("present.exit", lang),
        key=PRESENT_EXIT_KEY,
        icon=":material/close_fullscreen:",
        on_click=_exit_presenter,
        type="tertiary",
    )


def _bound_findings(area: str, snapshot: url_state.Params) -> list[url_state.Finding]:
    """Page parameters the page's widgets did not take, judged with Streamlit's own serialiser.

    A widget bound with bind="query-params" drops a value it cannot use, and also drops one
    equal to its default; only comparing the URL's value with the widget's value (in its URL
    form) tells the two apart. Uses Streamlit internals (pinned 1.67): when they change, the
    check says nothing rather than something wrong.
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        run = get_script_run_ctx()
        state = run.session_state._state if run is not None else None
        if state is None:
            return []
        found = []
        left: dict[str, object] = st.session_state.setdefault(_URL_BOUND, {})
        for key in url_state.PAGE_KEYS.get(area, ()):
            if key not in snapshot or key not in st.session_state:
                continue  # not asked for, or its widget is not drawn (yet) on this page
            binding = state.query_params.get_binding_for_param(key)
            metadata = state.get_widget_metadata(binding.widget_id) if binding else None
            if metadata is None:
                continue
            current = metadata.serializer(st.session_state[key])
            before, left[key] = left.get(key), current
            if url_state.own_value(snapshot[key], binding.value_type, before):
                continue  # the URL still shows what the page itself wrote (→ set the next slide)
            if not url_state.honoured(snapshot[key], binding.value_type, current):
                found.append(url_state.Finding(key, "ignored"))
        return found
    except Exception:  # internals moved: no notice rather than a wrong one
        log.debug("shareable-view check skipped", exc_info=True)
        return []


def _global_findings(snapshot: url_state.Params) -> list[url_state.Finding]:
    """?lang= and ?present= judged by their fixed rules (they are bound in app.py, not the page)."""
    found = []
    lang = snapshot.get(LANG_KEY)
    if lang is not None and (len(lang) != 1 or lang[0] not in LANGUAGES):
        found.append(url_state.Finding(LANG_KEY, "ignored"))
    present = snapshot.get(PRESENT_KEY)
    if present is not None and not url_state.honoured(present, "bool_value", presenter_mode()):
        found.append(url_state.Finding(PRESENT_KEY, "ignored"))
    return found


def report_url(findings: list[url_state.Finding], lang: str) -> None:
    """Tell the reader, once per session, what the link asked for that this page ignored."""
    reported: set[url_state.Finding] = st.session_state.setdefault(_URL_REPORTED, set())
    new = [f for f in findings if f not in reported]
    notice = url_state.describe(new, lang, plain)
    if notice:
        reported.update(new)
        st.toast(notice, icon=":material/link_off:", duration="long")


def check_url() -> None:
    """Finish the shareable-view check once the page's filters are drawn (guarded() calls it)."""
    area = st.session_state.get(_URL_AREA)
    snapshot = st.session_state.get(_URL_SNAPSHOT)
    if area is None or not snapshot:
        return
    report_url(_bound_findings(area, snapshot), language())


def _start_url_check(area: str, lang: str) -> None:
    """Take the URL as the run began, and report what no widget of this page could use."""
    if not st.session_state.pop(_URL_FRESH, False):
        remember_url()  # the page runs alone (a test): no app.py ran first
        st.session_state.pop(_URL_FRESH, None)
    st.session_state[_URL_AREA] = area
    snapshot = st.session_state.get(_URL_SNAPSHOT) or {}
    report_url(url_state.structural_findings(snapshot, area) + _global_findings(snapshot), lang)


def page_start(title_key: str, *, heading: bool = True) -> PageContext:
    """Title, banner and data for a page; stops the page with a clear message when no data.

    ``heading=False`` leaves the title out in presenter mode (the slideshow, whose every slide
    is its own title): the data line and the exit button then share one row, so a 1280x720
    screen keeps its room for the slide.
    """
    _leave_legacy_navigation()
    lang = language()
    set_reader_language(lang)  # a hidden cell reads in this page's language
    presenting = presenter_mode()
    st.html(READER_CSS)
    _start_url_check(url_state.area_of(title_key), lang)
    access = session.admit(lang)  # a visitor without access stops here, before any data are read
    # This server's confirmed check-ins on top of the last read (shown before the next one).
    loaded = session.visible_data(checkin.current(get_data()), access)
    top = None
    if presenting and not heading:
        presenter_style()
        top = st.container(
            horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"
        )
    elif presenting:
        presenter_style()
        title, leave = st.columns([3, 1.2], vertical_alignment="center")
        title.title(t(title_key, lang))
        with leave:
            exit_presenter_button(lang)
    else:
        st.title(t(title_key, lang))
    with top or st.container():
        data_banner(loaded, lang)
    if top is not None:
        exit_presenter_button(lang, top)
    if loaded.reading:
        follow_refresh(loaded.finished, lang, redraw=loaded.workbook is None)
    if loaded.workbook is None:
        now = loaded.checked_at or datetime.now(UTC)
        message = freshness.no_data(
            loaded.failure, reading=loaded.reading, waited=loaded.wait_seconds, now=now, lang=lang
        )
        st.error(message, icon=":material/cloud_off:")
        st.stop()
    role = str(access.role)
    readable = cache.for_reader(loaded.workbook, role, lang)
    return PageContext(lang, loaded, readable, presenting, role)


def missing_tab(tab: str, lang: str) -> None:
    """Say in plain words that the tab this section needs is absent or empty."""
    st.info(t("empty.tab", lang, tab=tab), icon=":material/table_view:")


def refresh_button(lang: str, key: str) -> None:
    """Editors' "Refresh now", rate-limited for the whole server."""
    if not session.may("refresh"):
        return
    if st.button(t("action.refresh", lang), key=key, icon=":material/refresh:"):
        wait = request_refresh()
        if wait:
            st.toast(t("refresh.wait", lang, seconds=wait))
        else:
            st.rerun()


def require_role(minimum: Role) -> None:
    """A page's first line when it needs more than a viewer: stops it for anyone with less."""
    session.require_role(minimum, language())


def plain(text: object) -> str:
    """Sheet text made safe to place inside Markdown or HTML (``utils.render.text.for_markdown``)."""
    return for_markdown(text)


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Run one section of a page; a bug shows a friendly line (logged on the server), not a
    traceback, and the rest of the page still renders."""
    try:
        yield
    except (StopException, RerunException):
        raise
    except SectionBroken:  # its view-model logged the cause when the section was built
        st.error(t("error.unexpected", lang), icon=":material/error:")
    except Exception:
        log.exception("a page section failed")
        st.error(t("error.unexpected", lang), icon=":material/error:")
    # Sections follow a page's filters, so by now its URL-bound widgets have read the link.
    check_url()


def _cell_for_screen(value: object, lang: str) -> object:
    """A number written the reader's way (1 234,5 in ru/ky); text such as "<10" as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if value != value:  # NaN: nothing recorded
        return ""
    decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    return fmt_number(value, lang, decimals)


def show_table(frame: pd.DataFrame, lang: str, *, key: str | None = None) -> None:
    """A protected table on screen with numbers in the reader's locale.

    Columns mixing numbers with "<10" marks become text, so the browser shows them as written
    (and Arrow does not have to guess a type); downloads keep the numeric frame.
    """
    shown = frame.map(lambda v: _cell_for_screen(v, lang)) if not frame.empty else frame
    st.dataframe(shown, hide_index=True, key=key)
