"""One section of a view-model, built on its own so that a bug in one section breaks only it.

A page is a column of sections (the answer, the trend, the map, the table …). A view-model
builds every section eagerly, but each through :func:`attempt`: a section whose builder raises
becomes :class:`Broken` (the error is logged on the server, nothing of it is kept), and the
other sections are still built. The page shows a section with ``unwrap`` inside
``utils.web.ui.guarded``: a ``Broken`` section shows the page's friendly error line, exactly as a
failing ``guarded`` block does.

Pure: no Streamlit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import TypeVar

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


def unwrap(value: T | Broken) -> T:
    """The section's value; raises :class:`SectionBroken` for a broken one."""
    if isinstance(value, Broken):
        raise SectionBroken(value.name)
    return value


def broken_sections(view: object) -> list[str]:
    """Names of the broken sections of a view-model (a frozen dataclass), for tests and logs."""
    fields = getattr(view, "__dataclass_fields__", {})
    return [getattr(view, f).name for f in fields if isinstance(getattr(view, f), Broken)]


def on_phone(part: T) -> T:
    """``part`` (a view, a section, or a tuple of them) with every figure in it laid out for a
    phone (``render.theme.for_phone``), as copies: a section may be shared between views
    (memo.py), so its figures are never changed in place. What holds no figure (None, Broken,
    text, a table) comes back as the same object."""
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
