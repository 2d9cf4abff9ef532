"""The one escaper: sheet text made plain text for each renderer it can reach.

The sheet is typed by hand, so any cell may hold ``<a href=…>``, ``<span style=…>``, ``**bold**``,
``[x](javascript:…)`` or a bare URL. Each function here returns text that its renderer shows
exactly as typed, never as markup or a link:

- :func:`for_markdown`: Streamlit's Markdown (react-markdown with GFM) and the HTML it may
  carry: HTML escaped, every Markdown punctuation backslash-escaped, and GFM's autolink
  literals (``http://``, ``https://``, ``www.``, ``name@host.tld``) broken by an invisible
  U+2060 WORD JOINER, so a bare URL is neither a link nor shown with stray backslashes.
- :func:`for_plotly`: plotly's label markup (titles, axis and tick labels, annotations, legend
  names, hover text and hover templates): ``<``, ``>`` and ``&`` escaped, so ``<b>``, ``<br>``,
  ``<a>`` and ``<span style>`` never render, and ``%{`` broken so a template cannot pick data.
- :func:`for_deck`: a pydeck text tooltip or label: control characters dropped and a ``<`` that
  could open a tag made a look-alike "‹" ("<10" stays as it is).

:func:`from_markdown` goes the other way, for a renderer that reads no markup at all (the PDF
meeting pack writes literal text): a sentence made for the screen becomes the plain text it shows.

Builders take an ``escape`` parameter only to choose among these; its default is always the
safe one (:data:`Escape`).

A cell that looked like personal data holds the marker ``personal.HIDDEN`` in the workbook
(``utils/sheet/personal.py``). A reader never sees the marker: :func:`readable` gives each
page a copy of the workbook whose hidden cells say "hidden: looks like personal data" in the
reader's language (tables and downloads show it as it is), and every escaper here words a
marker that reaches it anyway (an earlier snapshot, say) in the language of the running page
(:func:`set_reader_language`, called by ``ui.page_start``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar

from utils.i18n import DEFAULT_LANGUAGE, is_missing, t
from utils.sheet.contract import TABS_BY_NAME
from utils.sheet.parse import Workbook
from utils.sheet.personal import HIDDEN

Escape = Callable[[str], str]
"""How sheet text is made safe for the place a sentence is shown; defaults are never identity."""

WORD_JOINER = "\u2060"

# GFM autolink literals (github.github.com/gfm/#autolinks-extension-, and remark's
# mdast-util-gfm-autolink-literal, which matches /https?:\/\/|www(?=\.)/ and /[-.\w+]+@host/
# in text whose escapes are already resolved): a joiner after "http"/"https" before ":", after
# "www" before "." and before "@" leaves none of them.
_AUTOLINK = re.compile(r"(?i)(?<=http)(?=:)|(?<=https)(?=:)|(?<=www)(?=\.)|(?=@)")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
# "<" followed by a letter, "/", "!" or "?" is what opens a tag or comment in HTML; any
# other "<" (as in "<10") is plain text even for an HTML parser, so it is kept.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
# Streamlit's icon shortcode, which our own messages put before a sentence (":material/lock: …").
_ICON = re.compile(r":material/[a-z0-9_]+:\s*")


_READER: ContextVar[str] = ContextVar("reader_language", default=DEFAULT_LANGUAGE)
"""The language of the page being drawn (one Streamlit script run per thread)."""


def set_reader_language(lang: str) -> None:
    """Word hidden cells in ``lang`` for the rest of this page's run."""
    _READER.set(lang)


def hidden_words(lang: str | None = None) -> str:
    """ "hidden: looks like personal data" in ``lang`` (by default the running page's)."""
    return t("text.personal_hidden", lang or _READER.get())


def readable(workbook: Workbook, lang: str) -> Workbook:
    """``workbook`` with every hidden cell of a text column worded in ``lang``; the very same
    workbook when none is hidden. The copy is a new read (its own ``serial``), so a view cached
    for one language is never served in another (``utils/web/cache.py: for_reader``)."""
    frames = dict(workbook.frames)
    changed = False
    for name, frame in workbook.frames.items():
        tab = TABS_BY_NAME.get(name)
        if tab is None or frame.empty:
            continue
        columns = [c.name for c in tab.columns if c.kind == "text" and c.name in frame]
        hidden = {c: frame[c].eq(HIDDEN) for c in columns}
        hidden = {c: mask for c, mask in hidden.items() if bool(mask.any())}
        if hidden:
            frames[name] = frame.assign(
                **{c: frame[c].mask(mask, hidden_words(lang)) for c, mask in hidden.items()}
            )
            changed = True
    if not changed:
        return workbook
    return Workbook(frames=frames, problems=workbook.problems, stats=workbook.stats)


def _text(value: object) -> str:
    """The value as text, control characters (but not line breaks and tabs) dropped; a hidden
    cell's marker as the words that say why it is hidden."""
    text = "" if is_missing(value) else str(value)
    if text == HIDDEN:
        return hidden_words()
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def for_markdown(value: object) -> str:
    """Sheet text to place inside Markdown (or Markdown allowed to carry HTML): shown as typed."""
    text = _AUTOLINK.sub(WORD_JOINER, _text(value))
    escaped = html.escape(text, quote=False)  # quotes are harmless in Markdown text
    return _MARKDOWN.sub(r"\\\1", escaped)


def for_plotly(value: object) -> str:
    """Sheet text for plotly's HTML-like labels and hover templates: shown as typed."""
    return html.escape(_text(value), quote=False).replace("%{", "%" + WORD_JOINER + "{")


def for_deck(value: object) -> str:
    """Sheet text for a pydeck text tooltip or label: nothing an HTML parser reads as a tag."""
    return _TAG_OPEN.sub("‹", _text(value))


def from_markdown(text: str) -> str:
    """A Markdown sentence of ours (sheet text inside it through :func:`for_markdown`) as the
    plain text the screen shows: backslash escapes resolved, HTML entities decoded, the bold
    markers and icon shortcodes of our messages dropped, and the invisible joiners removed.

    Only unescaped markup is dropped, so sheet text typed as ``**bold**`` or ``<b>`` comes out
    exactly as typed.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif text.startswith("**", i):
            i += 2
        elif icon := _ICON.match(text, i):
            i = icon.end()
        else:
            out.append(text[i])
            i += 1
    return html.unescape("".join(out)).replace(WORD_JOINER, "")
