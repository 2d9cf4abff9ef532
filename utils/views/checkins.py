"""Check-ins from the meeting as a view: the items to go through, their state, their history.

Pure: no Streamlit. ``build`` lists the Strategy page's late milestones (late in the sheet, or
still late once the check-ins are on top, and any checked in today) with what the dashboard
shows for each, the newest check-in of every field and, when the row was edited by hand after
a check-in, both values (``utils.analysis.checkins``). The sentences a saved check-in is
confirmed with ("M-05 marked done by amina@… at 14:32") are made here too, in Bishkek time.
Sheet text is escaped for Markdown (``utils.render.text.for_markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from utils.analysis import checkins as ci
from utils.analysis import milestones as ms
from utils.analysis import monitoring, privacy
from utils.i18n import display_timezone, fmt_date, fmt_percent, format_time, t
from utils.render.strategy import status_name
from utils.render.text import for_markdown
from utils.sheet.contract import (
    FINDING_STATUSES,
    MILESTONE_STATUSES,
    MILESTONES,
    UPDATE_FIELDS,
    choice_name,
)
from utils.sheet.parse import Workbook
from utils.store.checkins import CheckIn
from utils.views.sections import Broken, attempt

STATUS_KEYS = tuple(choice.key for choice in MILESTONE_STATUSES)
FINDING_STATUS_KEYS = tuple(choice.key for choice in FINDING_STATUSES)
STATUSES = (*MILESTONE_STATUSES, *FINDING_STATUSES)
"""A check-in's status is a milestone's or a finding's: their keys do not overlap."""


@dataclass(frozen=True)
class Item:
    """One late milestone as the form shows it: its words, its values and its check-ins."""

    target: str  # the milestone id as the sheet writes it (a widget key, never Markdown)
    title: str  # Markdown
    facts: str  # Markdown: due date, status and progress as the dashboard shows them
    status: str  # the current status key
    progress: float | None
    due: date | None
    note: str  # the current note, as text (a text area shows it; never Markdown)
    done: bool
    states: tuple[str, ...]  # Markdown: the newest check-in of each field, or both values
    history: privacy.Protected | None  # every check-in of the item, newest first


@dataclass(frozen=True)
class CheckInView:
    """The check-in section of the Strategy page."""

    none: str | None  # said when nothing is late
    items: tuple[Item, ...]


short_who = ci.short_who


def local_time(moment: datetime) -> str:
    """The wall-clock time in Bishkek (the display zone) of an aware moment: 14:32."""
    return moment.astimezone(display_timezone()).strftime("%H:%M")


def field_name(field: str, lang: str) -> str:
    """A check-in field in words."""
    return choice_name(UPDATE_FIELDS, field, lang)


def value_words(field: str, text: str, lang: str) -> str:
    """A check-in value as a reader says it: a status by name, 60 %, a date, a note (escaped)."""
    if not text:
        return t("checkin.value.empty", lang)
    if field == "status":
        return choice_name(STATUSES, text, lang)
    if field == "progress":
        number = ci.from_text(MILESTONES.column("progress"), text)
        return fmt_percent(float(number), lang, 0) if number is not None else for_markdown(text)
    if field == "due":
        day = ci.from_text(MILESTONES.column("due"), text)
        return fmt_date(pd.Timestamp(day).date(), lang) if day is not None else for_markdown(text)
    return "«" + for_markdown(text) + "»"


def confirmation(check_in: CheckIn, lang: str) -> str:
    """The words that confirm a saved check-in: "M-05 marked done by amina@… at 14:32"."""
    params = {
        "target": for_markdown(check_in.target),
        "who": for_markdown(short_who(check_in.who)),
        "time": local_time(check_in.time_utc),
    }
    if check_in.field == "status" and check_in.new_value == "done":
        return t("checkin.saved.done", lang, **params)
    return t(
        "checkin.saved.changed",
        lang,
        field=field_name(check_in.field, lang),
        value=value_words(check_in.field, check_in.new_value, lang),
        **params,
    )


def _state(outcome: ci.Outcome, lang: str) -> str:
    """One field's newest check-in in words; when the sheet was edited after it, both values."""
    params = {
        "field": field_name(outcome.field, lang),
        "value": value_words(outcome.field, outcome.new_value, lang),
        "who": for_markdown(short_who(outcome.who)),
        "time": format_time(outcome.time_utc, lang),
    }
    if outcome.state == "sheet_newer":
        sheet = value_words(outcome.field, outcome.sheet_value, lang)
        return t("checkin.state.sheet_newer", lang, sheet=sheet, **params)
    return t(
        "checkin.state.applied" if outcome.state == "applied" else "checkin.state.agrees",
        lang,
        **params,
    )


def _history(log: pd.DataFrame, lang: str) -> privacy.Protected | None:
    """An item's check-ins as a table: when (Bishkek), who, what, before, after."""
    if log.empty:
        return None
    rows = pd.DataFrame(
        {
            t("checkin.history.time", lang): [
                format_time(ci.utc(v), lang) for v in log["time_utc"]
            ],
            t("checkin.history.who", lang): [short_who(str(v)) for v in log["who"]],
            t("checkin.history.field", lang): [field_name(str(v), lang) for v in log["field"]],
            t("checkin.history.before", lang): [
                _plain(str(f), str(v or ""), lang)
                for f, v in zip(log["field"], log["old_value"], strict=True)
            ],
            t("checkin.history.after", lang): [
                _plain(str(f), str(v or ""), lang)
                for f, v in zip(log["field"], log["new_value"], strict=True)
            ],
        }
    )
    return privacy.no_people(rows)


def _plain(field: str, text: str, lang: str) -> str:
    """A value for a table cell (tables show text as it is: no Markdown escaping)."""
    if field == "status" and text:
        return choice_name(STATUSES, text, lang)
    return text


def build(workbook: Workbook, *, lang: str, today: date) -> CheckInView | Broken:
    """The late milestones to go through at the meeting, with their check-ins."""
    return attempt("checkins", lambda: _build(workbook, lang, today))


def _build(workbook: Workbook, lang: str, today: date) -> CheckInView:
    sheet = workbook["milestones"]
    updates = workbook["updates"]
    merged = ci.merge(sheet, updates)
    shown = merged.frame
    late = set(ms.overdue(sheet, today)["id"]) | set(ms.overdue(shown, today)["id"])
    if not updates.empty:
        days = ci.dedupe(updates)["time_utc"].map(ci.bishkek_day)
        today_targets = {str(v).casefold() for v in ci.dedupe(updates).loc[days == today, "target"]}
        late |= {v for v in shown["id"] if str(v).casefold() in today_targets}
    picked = shown[shown["id"].isin(late)].sort_values(["due", "id"])
    items = []
    for row in picked.itertuples(index=False):
        target = str(row.id)
        progress = None if pd.isna(row.progress) else float(row.progress)
        facts = t(
            "checkin.item.facts",
            lang,
            due=fmt_date(row.due, lang),
            status=status_name(row.status, lang),
            progress=fmt_percent(progress, lang, 0) if progress is not None else "—",
        )
        states = tuple(
            _state(o, lang) for o in merged.outcomes if o.target.casefold() == target.casefold()
        )
        items.append(
            Item(
                target=target,
                title=f"**{for_markdown(target)}** · {for_markdown(row.milestone)}",
                facts=facts,
                status=str(row.status),
                progress=progress,
                due=None if pd.isna(row.due) else pd.Timestamp(row.due).date(),
                note="" if pd.isna(row.notes) else str(row.notes),
                done=row.status == "done",
                states=states,
                history=_history(ci.history(updates, target), lang),
            )
        )
    none = None if items else t("checkin.none", lang)
    return CheckInView(none=none, items=tuple(items))


def finding_status(workbook: Workbook, finding_id: str) -> str:
    """A finding's status now (its latest action's, check-ins included), "" when unknown."""
    now = monitoring.current_status(workbook["findings"], workbook["actions"])
    found = now.loc[now["id"].astype(str).str.casefold() == finding_id.casefold(), "status"]
    return "" if found.empty or pd.isna(found.iloc[0]) else str(found.iloc[0])
