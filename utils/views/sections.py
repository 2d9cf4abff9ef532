"""One section of a view-model, built on its own so that a bug in one section breaks only it.

A page is a column of sections (the answer, the trend, the map, the table …). A view-model
builds each section through :func:`attempt`: a section whose builder raises becomes
:class:`Broken` (the error is logged on the server, nothing of it is kept), and the other
sections are still built. The page shows a section with ``unwrap`` inside
``utils.web.ui.guarded``: a ``Broken`` section shows the page's friendly error line, exactly as a
failing ``guarded`` block does.

The answer and the first chart are built with their view. A section the page draws only once a
reader opens it (``utils.web.ui.on_demand``) is a :class:`Later`: built, through ``attempt``, the
first time it is read, once for every session that shares the view (``utils/web/cache.py``).
So a first visit builds only what it shows.

Pure: no Streamlit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Generic, TypeVar

import plotly.graph_objects as go

from utils.render.theme import for_phone

log = logging.getLogger("united_voices.views")

T = TypeVar("T")


@dataclass(frozen=True)
class Metric:
    """One big number of a section or a slide, as ``st.metric`` shows it."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"  # "normal" | "inverse" | "off", as st.metric takes it


@dataclass(frozen=True)
class Broken:
    """A section whose builder raised; what went wrong is in the server log only."""

    name: str


class SectionBroken(Exception):
    """Raised by :func:`unwrap` for a broken section, so the page's guard shows its error."""


def attempt(name: str, build: Callable[[], T]) -> T | Broken:
    """``build()``, or ``Broken(name)`` (logged) when it raises."""
    try:
        return build()
    except Exception:
        log.exception("view section %r failed", name)
        return Broken(name)


class Later(Generic[T]):
    """A section built the first time it is read (``get``), not with its view.

    ``get`` is ``attempt(name, build)`` run once: every later read, from any session sharing
    the view, returns the same value, and two sessions reading it at once build it once (the
    second waits). The builder is let go once it has run, with what it held.
    """

    __slots__ = ("_build", "_lock", "_value", "name")

    def __init__(self, name: str, build: Callable[[], T | Broken]) -> None:
        self.name = name
        self._build: Callable[[], T | Broken] | None = build
        self._lock = threading.Lock()
        self._value: T | Broken | None = None

    def get(self) -> T | Broken:
        """The section, built now if this is its first read."""
        with self._lock:
            if self._build is not None:
                self._value = attempt(self.name, self._build)
                self._build = None
            return self._value  # type: ignore[return-value]

    @property
    def built(self) -> bool:
        """Whether the section has been built (read at least once)."""
        return self._build is None

    def then(self, change: Callable[[T], T]) -> Later[T]:
        """A new ``Later``: this section changed by ``change`` once built (a broken one stays
        broken); this one is left as it is, so a view sharing it is not changed."""

        def build() -> T | Broken:
            value = self.get()
            return value if isinstance(value, Broken) else change(value)

        return Later(self.name, build)

    def __repr__(self) -> str:
        return f"Later({self.name!r}, {'built' if self.built else 'not built'})"


def unwrap(value: T | Broken | Later[T]) -> T:
    """The section's value (a ``Later`` built now if it was not); raises
    :class:`SectionBroken` for a broken one."""
    if isinstance(value, Later):
        value = value.get()
    if isinstance(value, Broken):
        raise SectionBroken(value.name)
    return value


def broken_sections(view: object) -> list[str]:
    """Names of the broken sections of a view-model (a frozen dataclass), for tests and logs;
    a ``Later`` section is built to know."""
    names = getattr(view, "__dataclass_fields__", {})
    values = [getattr(view, f) for f in names]
    values = [v.get() if isinstance(v, Later) else v for v in values]
    return [v.name for v in values if isinstance(v, Broken)]


def on_phone(part: T) -> T:
    """``part`` (a view, a section, or a tuple of them) with every figure in it laid out for a
    phone (``render.theme.for_phone``), as copies: a section may be shared between views
    (memo.py), so its figures are never changed in place. A ``Later`` section is laid out when it
    is built. What holds no figure (None, Broken, text, a table) comes back as the same object."""
    if isinstance(part, Later):
        return part.then(on_phone)  # type: ignore[return-value]
    if isinstance(part, go.Figure):
        return for_phone(go.Figure(part))  # type: ignore[return-value]
    if isinstance(part, tuple):
        items = tuple(on_phone(item) for item in part)
        same = all(a is b for a, b in zip(items, part, strict=True))
        return part if same else items  # type: ignore[return-value]
    if not is_dataclass(part) or isinstance(part, Broken | type):
        return part
    changed = {
        f.name: new
        for f in fields(part)
        if (new := on_phone(old := getattr(part, f.name))) is not old
    }
    return replace(part, **changed) if changed else part  # type: ignore[type-var]
