"""What a page says about how fresh its data are, in the reader's language.

Sources raise errors with a stable reason code and a plain cause sentence; this module composes,
for each state of the refresh (utils/store/refresh.py), one message naming the cause, what still works,
who can fix it, and when the next try is. Pure: no Streamlit.

- stale: the last read failed, the page shows the last good copy;
- checking: the page shows the copy saved on disk while the first read since the start runs;
- no data: nothing read yet and nothing saved (a cold start), with or without a known cause.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_timedelta

from utils.i18n import format_time, t
from utils.store.refresh import Failure

PASSING = frozenset({"quota", "timeout", "unavailable"})
"""Failures that pass by themselves: nobody needs to act."""
MAINTAINER = frozenset({"forbidden", "not_found", "config", "missing_file"})
"""Failures only the person who maintains the dashboard (settings, sharing) can fix."""
EDITOR = frozenset({"tab_missing"})
"""Failures an editor of the sheet can fix."""
KNOWN = PASSING | MAINTAINER | EDITOR | {"malformed", "unexpected"}


def when(moment: datetime, lang: str) -> str:
    """A moment as people read it: Bishkek time (or the deployer's zone) with its offset.

    The one call site of the shared formatter for this module; a time-only form ("at 20:18")
    can replace it here when utils/i18n/__init__.py offers one.
    """
    return format_time(moment, lang)


def relative(moment: datetime, now: datetime, lang: str) -> str:
    """The distance to a moment: "in 4 minutes", "3 hours ago", "just now"."""
    delta = moment - now
    if timedelta(seconds=-30) < delta <= timedelta(0):
        return t("source.just_now", lang)
    if timedelta(0) < delta < timedelta(seconds=1):
        delta = timedelta(seconds=1)  # a try due this second is "in 1 second", not "in 0"
    return format_timedelta(delta, add_direction=True, threshold=1.5, locale=lang)


def cause(failure: Failure, lang: str) -> str:
    """One sentence naming what went wrong."""
    key = failure.reason if failure.reason in KNOWN else "other"
    return t(f"source.cause.{key}", lang)


def action(failure: Failure, lang: str) -> str:
    """Who can fix it, with the source's own words where the fix needs them."""
    detail = failure.detail.strip()
    if failure.reason in PASSING:
        return t("source.action.passing", lang)
    if failure.reason in MAINTAINER and detail:
        return t("source.action.maintainer", lang, detail=detail)
    if failure.reason in EDITOR and detail:
        return t("source.action.editor", lang, detail=detail)
    if failure.reason == "malformed" and detail:
        return t("source.action.persisting_detail", lang, detail=detail)
    return t("source.action.persisting", lang)


def next_try(failure: Failure, *, reading: bool, now: datetime, lang: str) -> str:
    """When the dashboard reads the source again, truthfully."""
    if reading:
        return t("source.next.reading", lang)
    if failure.next_try_at is None:
        # Only a configuration that cannot be used has no next try: it is read at start-up.
        return t("source.next.restart", lang) if failure.reason == "config" else ""
    if failure.next_try_at <= now:
        return t("source.next.reading", lang)  # the next page view starts it
    return t(
        "source.next.at",
        lang,
        relative=relative(failure.next_try_at, now, lang),
        when=when(failure.next_try_at, lang),
    )


def _parts(failure: Failure, reading: bool, now: datetime, lang: str) -> dict[str, str]:
    return {
        "cause": cause(failure, lang),
        "action": action(failure, lang),
        "next": next_try(failure, reading=reading, now=now, lang=lang),
    }


def stale_banner(
    failure: Failure, saved_at: datetime, *, reading: bool, now: datetime, lang: str
) -> str:
    """The data shown are the last good copy because the last read failed."""
    return t(
        "source.stale",
        lang,
        ago=relative(saved_at, now, lang),
        when=when(saved_at, lang),
        **_parts(failure, reading, now, lang),
    ).strip()


def checking_note(saved_at: datetime, *, now: datetime, lang: str) -> str:
    """The data shown are the saved copy while the first read since the start runs."""
    return t("source.checking", lang, ago=relative(saved_at, now, lang), when=when(saved_at, lang))


def no_data(
    failure: Failure | None, *, reading: bool, waited: float, now: datetime, lang: str
) -> str:
    """Nothing to show: nothing read yet and nothing saved."""
    if failure is not None:
        return t("source.no_data", lang, **_parts(failure, reading, now, lang)).strip()
    if reading:
        duration = format_timedelta(timedelta(seconds=waited), threshold=1.5, locale=lang)
        return t("source.no_data_reading", lang, duration=duration)
    return t("source.no_data_none", lang)
