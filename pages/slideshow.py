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

ctx = page_start("present.title")
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

# --- The slide.
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
    st.header(slide.title, divider="gray")
    has_picture = slide.figure is not None or slide.deck is not None
    has_words = bool(slide.lines or slide.metrics)
    if has_picture and has_words:
        words, picture = st.columns([2, 3], gap="large")
    else:
        words, picture = st.container(), (st.container() if has_picture else None)
    with words:
        if slide.lines:
            st.markdown("\n".join(slide.lines))
        if slide.metrics:
            numbers_row = st.container(horizontal=True, gap="small")
            for metric in slide.metrics:
                numbers_row.metric(
                    metric.label,
                    metric.value,
                    delta=metric.delta,
                    delta_color=metric.delta_color,
                    border=True,
                    width="content" if has_picture else "stretch",
                )
    if picture is not None:
        with picture:
            if slide.figure is not None:
                st.plotly_chart(
                    slide.figure, config=plotly_config(lang), key=f"slide_{kind}", width="stretch"
                )
            if slide.deck is not None:
                st.pydeck_chart(slide.deck, key="slide_map", height=slides.FIGURE_HEIGHT)
            if slide.legend:
                # Palette colours (checked to be #rrggbb) and our own translated words, escaped.
                st.markdown(
                    " &nbsp; ".join(
                        f'<span style="color:{s.color}">■</span> {plain(s.label)}'
                        for s in slide.legend
                        if HEX.fullmatch(s.color)
                    ),
                    unsafe_allow_html=True,
                )
            if slide.note:
                st.caption(slide.note)

# --- Every slide says how fresh its data are and where they come from.
when = format_time(ctx.loaded.as_of, lang)
st.caption(
    t("present.counter", lang, n=index, total=total)
    + " · "
    + t("present.as_of", lang, when=when, source=plain(source_name(ctx.loaded, lang)))
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
