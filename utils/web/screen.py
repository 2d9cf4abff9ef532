"""What screen a page is drawn for: a phone or a wide window, a light or a dark theme.

Both are plain values a view's ``build`` takes (and so part of its cache key), read from what
Streamlit 1.67 gives the server before anything is drawn:

- the width class from the request's own mobile hint: Chromium sends ``Sec-CH-UA-Mobile: ?1``
  on every request from a phone (a low-entropy client hint, no opt-in needed), and Safari and
  Firefox put "Mobi" in the user agent of their phone builds (the test MDN recommends). A
  desktop window narrowed by hand is not a phone here; the page's CSS and plotly's own
  responsive layout keep it readable, and its charts keep the wide layout.
- the theme from ``st.context.theme.type`` ("light" or "dark", as the reader's browser chose
  it; None before the first run reports it, read as light).

Streamlit has no viewport width on the server (``st.context`` has headers, locale, timezone and
theme, not the window), and measuring it in the browser would need a component and a second run.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

Width = Literal["phone", "wide"]


def width_class(headers: object | None = None) -> Width:
    """Return "phone" when the request comes from a phone's browser, else "wide"."""
    source = st.context.headers if headers is None else headers
    get = getattr(source, "get", None)
    if get is None:
        return "wide"
    hint = str(get("Sec-CH-UA-Mobile") or "").strip()
    agent = str(get("User-Agent") or "")
    return "phone" if hint == "?1" or "Mobi" in agent else "wide"


def is_dark() -> bool:
    """Return True when the reader's page uses the dark theme."""
    theme = getattr(st.context, "theme", None)
    return getattr(theme, "type", None) == "dark"
