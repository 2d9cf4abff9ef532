"""Views computed once per refresh, not once per viewer: the one caching layer of the pages.

A page's view-model (``utils/views/<page>.py: build``) depends only on the workbook, the
viewer's role, the language, the threshold and the page's filters. This module keeps each
finished view in one ``st.cache_resource`` for the whole server, keyed by exactly those:

- the workbook by its ``serial`` (a new number for every read) and the viewer's role (the cut
  of the workbook that role receives, ``utils.web.auth.workbook_for``);
- every other argument by value, so it must be hashable (filters are frozen dataclasses of
  tuples, dates and strings); a ``Workbook`` argument (an earlier snapshot) by its serial,
  the map's ``BoundarySet`` (read once per server) by the file it was made from.

So thirty viewers opening the same link cost one build, and a filter combination someone else
already chose is served at once. A new read brings a new serial, so no view outlives its data;
older entries fall out of the bounded cache. Views are frozen and never changed after they are
built (``st.plotly_chart`` copies a figure before sending it), which is why sharing the very same
object between sessions is safe, and why ``cache_resource`` (no copy) and not ``cache_data``
(a pickle round trip of every figure on every rerun) is used.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any, Final, TypeVar

import streamlit as st

from utils.render import text
from utils.sheet.parse import Workbook
from utils.store.boundaries import BoundarySet
from utils.web import auth

V = TypeVar("V")
log = logging.getLogger("united_voices.cache")

AHEAD_THREAD: Final = "uv-ahead"
"""The name of every thread ``ahead`` starts (a benchmark waits for them by it)."""

MAX_VIEWS: Final = 512
"""Views kept for the server: every page × language × role × the filter combinations in use."""


def _key(value: object) -> Hashable:
    """A cache key for one argument: a workbook by its read, anything else by its value."""
    if isinstance(value, Workbook):
        return ("workbook", value.serial)
    if isinstance(value, BoundarySet):  # read once per server; named by what it was made from
        return ("boundaries", value.source, value.level, value.bytes_after, value.vertices_after)
    if value is None or isinstance(value, Hashable):
        hash(value)  # a tuple holding a list fails here, loudly, not as a silent miss
        return value
    raise TypeError(f"a cached view's argument must be hashable, not {type(value).__name__}")


def _build_key(
    build: Callable[..., object],
    workbook: Workbook,
    role: str | None,
    args: tuple[object, ...],
    kwargs: dict[str, object],
) -> Hashable:
    """What names one build for the server: the builder, the read, the role, the arguments."""
    return (
        build.__module__,
        build.__qualname__,
        _key(workbook),
        role,
        tuple(_key(a) for a in args),
        tuple(sorted((name, _key(value)) for name, value in kwargs.items())),
    )


@st.cache_resource(show_spinner=False, max_entries=MAX_VIEWS)
def _cached(key: Hashable, _build: Callable[[], Any]) -> Any:
    """The value ``_build()`` made the first time ``key`` was asked for on this server."""
    return _build()


def view(
    build: Callable[..., V],
    workbook: Workbook,
    role: str | None,
    *args: object,
    **kwargs: object,
) -> V:
    """``build(workbook, *args, **kwargs)``, built once per (read, role, arguments) for the server.

    ``role`` is not passed on (the workbook already is that role's cut); it is part of the key
    because two roles' cuts of one read share a serial.
    """
    key = _build_key(build, workbook, role, args, kwargs)
    return _cached(key, lambda: build(workbook, *args, **kwargs))


@st.cache_resource(show_spinner=False, max_entries=MAX_VIEWS)
def _started(key: Hashable, _work: Callable[[], Any]) -> threading.Thread:
    """The thread that ran ``_work()`` the first time ``key`` was asked for on this server."""

    def run() -> None:
        try:
            _work()
        except Exception:  # a piece built ahead is only a head start: the page builds it anyway
            log.exception("building ahead failed")

    thread = threading.Thread(target=run, name=AHEAD_THREAD, daemon=True)
    thread.start()
    return thread


def ahead(
    build: Callable[..., object],
    workbook: Workbook,
    role: str | None,
    *args: object,
    **kwargs: object,
) -> threading.Thread:
    """Start ``build(workbook, *args, **kwargs)`` in a background thread, once per (read,
    role, arguments) for the server, and return at once.

    For pieces that a reader's next choice will ask for (``utils.views.memo`` shares them):
    they are made while the reader looks at the page, not while they wait for the next one.
    """
    key = _build_key(build, workbook, role, args, kwargs)
    return _started(key, lambda: build(workbook, *args, **kwargs))


@st.cache_resource(show_spinner=False, max_entries=16)
def _cut(serial: int, role: str, _workbook: Workbook) -> Workbook:
    return auth.workbook_for(role, _workbook)  # type: ignore[arg-type]


def workbook_for(role: str, workbook: Workbook) -> Workbook:
    """The part of ``workbook`` that ``role`` may receive, cut once per read and role."""
    return _cut(workbook.serial, role, workbook)


@st.cache_resource(show_spinner=False, max_entries=16)
def _readable(serial: int, role: str, lang: str, _workbook: Workbook) -> Workbook:
    return text.readable(_workbook, lang)


def for_reader(workbook: Workbook, role: str, lang: str) -> Workbook:
    """``workbook`` as a reader of ``lang`` sees it (a hidden cell worded in ``lang``), made
    once per read, role and language; the same workbook when no cell is hidden."""
    return _readable(workbook.serial, role, lang, workbook)
