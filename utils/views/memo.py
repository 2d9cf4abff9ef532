"""Pieces that several views of one read share, built once: the view layer's own small memo.

``utils/web/cache.py`` keeps each finished view, keyed by every filter, so a filter
combination nobody has chosen yet is built from scratch. Some sections depend on fewer inputs
than their view: Program access's cascade ignores the indicator and the communities, its
protected cube ignores the language and the period range, and the Votes record is the same
for every election. ``shared(owners, name, key, build)`` builds such a piece once and hands the
same object to every view that asks for it.

- ``owners`` are the objects the piece is made of (a workbook, or its frames). They are
  matched by identity, never by value: a role's cut and a language's copy of one read are
  different objects, so they never share a piece by mistake. An entry holds its owners, so
  their identities cannot be reused while it lives; a new read is new objects, so no piece
  outlives its data.
- ``key`` is every other input, by value (hashable).
- Bounded (the least recently used piece goes first) and thread-safe: two sessions asking for
  the same missing piece at once build it once, the second waiting for the first.

A piece is never changed after it is built (a cache shares it). Pure: no Streamlit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Final, TypeVar

T = TypeVar("T")

MAX_PIECES: Final = 256
"""Pieces kept for the process: a few per page, language and filter value in use."""

_lock = threading.Lock()
_pieces: OrderedDict[Hashable, tuple[tuple[object, ...], object]] = OrderedDict()
_building: dict[Hashable, threading.Event] = {}


def shared(owners: tuple[object, ...], name: str, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, made once for these ``owners`` (by identity), ``name`` and ``key``."""
    full = (tuple(id(o) for o in owners), name, key)
    hash(full)  # an unhashable key fails here, loudly, not as a silent miss
    while True:
        with _lock:
            entry = _pieces.get(full)
            if entry is not None and all(a is b for a, b in zip(entry[0], owners, strict=True)):
                _pieces.move_to_end(full)
                return entry[1]  # type: ignore[return-value]
            running = _building.get(full)
            if running is None:
                running = _building[full] = threading.Event()
                break
        running.wait()  # another session is building it; then look again
    try:
        value = build()
        with _lock:
            _pieces[full] = (owners, value)
            while len(_pieces) > MAX_PIECES:
                _pieces.popitem(last=False)
        return value
    finally:
        with _lock:
            _building.pop(full, None)
        running.set()


def clear() -> None:
    """Forget every piece (tests and benchmarks that measure a first build)."""
    with _lock:
        _pieces.clear()
