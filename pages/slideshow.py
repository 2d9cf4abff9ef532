"""Slideshow: the key views one per screen, for a meeting. Keyboard → and ← move between
slides; the slide number is in the URL (?slide=3), so a link opens the same slide; an optional
timer advances on its own (off unless switched on, or ?slide_auto=true)."""

from __future__ import annotations

import re
import time

import streamlit as st

from utils.analysis import milestones as ms
from utils.i18n import format_time, t, tn
from utils.render.plotly_locale import plotly_config
from utils.store import load
from utils.views import slides
from utils.web import meeting_pack
from utils.web.ui import guarded, page_start, plain, source_name, url_selectbox

SLIDE_KEY, AUTO_KEY, EVERY_KEY = "slide", "slide_auto", "slide_every"
INTERVALS = (10, 20, 30, 60)  # seconds
_ADVANCE = "_slide_advance"  # the timer asked for the next slide; applied before the widget
_SHOWN_AT = "_slide_shown_at"  # when the current slide was drawn (the timer counts from it)
HEX = re.compile(r"#[0-9A-Fa-f]{6}")

ctx = page_start("present.title", heading=False)  # presenting, each slide is its own title
lang, workbook = ctx.lang, ctx.workbook
kinds = slides.available(workbook)
if not kinds:
    st.info(t("present.none", lang), icon=":material/slideshow:")
    st.stop()
total = len(kinds)


def move(by: int) -> None:
    """Previous / next: change the bound slide number (the URL follows)."""
    st.session_state[SLIDE_KEY] = slides.step(st.session_state.get(SLIDE_KEY) or 1, total, by)


st.session_state.setdefault(SLIDE_KEY, 1)  # set here, not as default=, since move() sets it too
if st.session_state.pop(_ADVANCE, False):
    move(+1)

# --- Controls: previous, the slide number (in the URL), next, and the optional timer.
controls = st.container(horizontal=True, vertical_alignment="center", gap="small")
controls.button(
    t("present.previous", lang),
    key="slide_previous",
    icon=":material/arrow_back:",
    on_click=move,
    args=(-1,),
    shortcut="Left",
    help=t("present.keys_help", lang),
)
number = controls.segmented_control(
    t("present.pick", lang),
    list(range(1, total + 1)),
    required=True,
    key=SLIDE_KEY,
    bind="query-params",
    label_visibility="collapsed",
)
controls.button(
    t("present.next", lang),
    key="slide_next",
    icon=":material/arrow_forward:",
    icon_position="right",
    on_click=move,
    args=(+1,),
    shortcut="Right",
    help=t("present.keys_help", lang),
)
running = controls.toggle(t("present.auto", lang), key=AUTO_KEY, bind="query-params")
seconds = url_selectbox(  # ?slide_every=30 (seconds), the same in every language
    t("present.every", lang),
    INTERVALS,
    key=EVERY_KEY,
    names=lambda n, lg: tn("present.seconds", lg, n),
    lang=lang,
    default=INTERVALS[1],
    container=controls,
    label_visibility="collapsed",
    disabled=not running,
    width=110,
)
meeting_pack.offer(ctx, key="slide_pack", container=controls)
index = slides.clamp(number or 1, total)
kind = kinds[index - 1]


def show_numbers(metrics: tuple[slides.Metric, ...], *, beside_picture: bool) -> None:
    """A slide's big numbers in one row: as wide as they need beside a picture, else sharing
    the width."""
    row = st.container(horizontal=True, gap="small")
    for metric in metrics:
        row.metric(
            metric.label,
            metric.value,
            delta=metric.delta,
            delta_color=metric.delta_color,
            border=True,
            width="content" if beside_picture else "stretch",
        )


# --- The slide.
slide: slides.Slide | None = None
has_picture = False
with guarded(lang):
    slide = slides.build(
        kind,
        workbook,
        lang=lang,
        threshold=ctx.loaded.threshold,
        today=ms.today_in_bishkek(),
        escape=plain,
        boundaries=load.boundaries() if kind == "map" else None,
    )
    if ctx.presenting:  # one screen: the slide's title is the page's title, with no rule under it
        st.title(slide.title)
    else:
        st.header(slide.title, divider="gray")
    has_picture = slide.figure is not None or slide.deck is not None
    # Beside a picture: the words with one row of big numbers under them, the picture with its
    # note. With no picture: the numbers in a row across the top, the words under them, and
    # the note in the footer line.
    metrics = slide.metrics[: slides.SLIDE_METRICS] if has_picture else slide.metrics
    if has_picture and (slide.lines or metrics):
        # Long words (the election, the monitoring loop) take half the width, so they and
        # their numbers stay within the picture's height (``slides.fitted``).
        words, side = st.columns([1, 1] if slide.half else [2, 3], gap="large")
    else:
        words = side = st.container()
    with words:
        if metrics and not has_picture:
            show_numbers(metrics, beside_picture=False)
        if slide.lines:
            st.markdown(slides.markdown(slide.lines))
        if metrics and has_picture:
            show_numbers(metrics, beside_picture=True)
    if has_picture:
        with side:
            if slide.figure is not None:
                st.plotly_chart(
                    slide.figure, config=plotly_config(lang), key=f"slide_{kind}", width="stretch"
                )
            if slide.deck is not None:
                st.pydeck_chart(slide.deck, key="slide_map", height=slide.picture_height)
            # The legend and the note share one line. Palette colours (checked to be #rrggbb),
            # our own translated words, escaped.
            legend = " &nbsp; ".join(
                f'<span style="color:{s.color}">■</span> {plain(s.label)}'
                for s in slide.legend
                if HEX.fullmatch(s.color)
            )
            note = " · ".join(part for part in (legend, slide.note) if part)
            if note:
                st.caption(note, unsafe_allow_html=bool(legend))

# --- Every slide says how fresh its data are and where they come from.
when = format_time(ctx.loaded.as_of, lang)
st.caption(
    " · ".join(
        part
        for part in (
            t("present.counter", lang, n=index, total=total),
            None if slide is None or has_picture else slide.note,  # no picture: its note here
            t("present.as_of", lang, when=when, source=plain(source_name(ctx.loaded, lang))),
        )
        if part
    )
)
st.session_state[_SHOWN_AT] = time.monotonic()


@st.fragment(run_every=seconds if running else None)
def timer() -> None:
    """On each tick of the timer, ask for the next slide once its time has passed."""
    if not st.session_state.get(AUTO_KEY):
        return
    shown = st.session_state.get(_SHOWN_AT, time.monotonic())
    if time.monotonic() - shown >= seconds - 0.5:  # the full run just drawn is not a tick
        st.session_state[_ADVANCE] = True
        st.rerun()


timer()
