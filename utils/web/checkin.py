"""Check-ins from the meeting: who may save one, the form, the save, and the view right after.

A check-in is saved only when, at the moment of saving, the visitor may check in
(``auth.may_check_in``: check-ins on, a signed-in editor or admin, open mode only when the
deployer allowed it) and the source is a Google Sheet the dashboard may write to. The form is
drawn only then, and the save asks again, so nothing a viewer puts in the URL or the widget
state can reach the sheet.

Each form field has an update id (a UUID) made when the form is first shown and kept in the
session state: a save retried after a failure sends the same id, so the sheet keeps one
update. Once the sheet confirms a save, the check-in is remembered for the server
(:func:`confirmed`) and laid over the last good workbook until the next read brings it back
(:func:`current`), so every page shows it at once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Literal

import streamlit as st

from utils.analysis import checkins as ci
from utils.i18n import N_, t
from utils.render.strategy import status_name
from utils.sheet.contract import FINDING_STATUSES, choice_name
from utils.sheet.parse import Workbook
from utils.sources.base import SourceError
from utils.sources.gsheets import GoogleSheetSource
from utils.store import checkins as store
from utils.store.load import Loaded, settings
from utils.store.settings import Settings
from utils.views.checkins import STATUS_KEYS, Item, confirmation
from utils.web import auth, session

log = logging.getLogger("united_voices.checkins")

Availability = Literal["hidden", "needs_sheet", "ready"]
"""hidden: this visitor may not check in (or check-ins are off); needs_sheet: check-ins are on
but the source is a file or a published sheet; ready: the form may be drawn."""

LAST_KEY = "checkin_last"
"""Session state: the check-ins this session saved last (for the confirmation and undo)."""


@st.cache_resource(show_spinner=False)
def confirmed() -> store.Confirmed:
    """The check-ins this server saved that the last read of the sheet does not hold yet."""
    return store.Confirmed()


@st.cache_resource(show_spinner=False, max_entries=8)
def _overlaid(
    serial: int, version: int, _workbook: Workbook, _items: tuple[store.CheckIn, ...]
) -> Workbook:
    """One overlay per (read, set of confirmed check-ins): the same serial on every rerun. The
    check-ins about findings join the actions log (``checkins.as_actions``)."""
    return ci.with_finding_actions(store.overlay(_workbook, _items))


def current(loaded: Loaded) -> Loaded:
    """The loaded data with this server's confirmed check-ins on top of the last good read."""
    workbook = loaded.workbook
    if workbook is None:
        return loaded
    registry = confirmed()
    registry.forget(store.sheet_ids(workbook))
    items = registry.items()
    if not items and not _about_findings(workbook):
        return loaded
    overlaid = _overlaid(workbook.serial, registry.version, workbook, items)
    return dataclasses.replace(loaded, workbook=overlaid)


def _about_findings(workbook: Workbook) -> bool:
    """True when the sheet's updates tab holds a check-in about a finding."""
    updates, findings = workbook["updates"], workbook["findings"]
    if updates.empty or findings.empty:
        return False
    ids = {str(v).casefold() for v in findings["id"]}
    return bool(updates["target"].map(lambda v: str(v).casefold()).isin(ids).any())


def availability() -> Availability:
    """Whether this visitor sees the check-in form, a note that the source cannot take one,
    or nothing."""
    configured = settings()
    if not isinstance(configured, Settings) or not configured.check_ins:
        return "hidden"
    access = session.current()
    if not auth.may_check_in(access, True, configured.check_ins_open_mode):
        return "hidden"
    source = configured.source
    if not isinstance(source, GoogleSheetSource) or not source.writable:
        return "needs_sheet"
    return "ready"


def _author() -> str:
    """Who saves: the signed-in e-mail, or "open mode" when sign-in is off."""
    access = session.current()
    return access.email if access.mode == "member" and access.email else "open mode"


def update_id(target: str, field: str) -> str:
    """The id of the next check-in of ``field`` of ``target``, made when first asked for and
    kept in the session until that check-in is confirmed."""
    key = f"checkin_id_{target}_{field}"
    if key not in st.session_state:
        st.session_state[key] = store.new_update_id()
    return str(st.session_state[key])


def _confirmed_id(target: str, field: str) -> None:
    """The check-in was saved: the next change of this field is a new update."""
    st.session_state.pop(f"checkin_id_{target}_{field}", None)


def submit(
    workbook: Workbook, target: str, changes: Sequence[tuple[str, str, str]], lang: str
) -> list[store.CheckIn] | None:
    """Save each (field, old value, new value) of ``target``; None when nothing was saved.

    Asks again whether this visitor may check in: the form being drawn proves nothing.
    """
    if availability() != "ready" or not changes:
        log.warning("a check-in was refused: this session may not save one")
        return None
    known = [*workbook["milestones"]["id"], *workbook["findings"]["id"]]
    if target.casefold() not in {str(v).casefold() for v in known}:
        log.warning("a check-in for an unknown item was refused")
        return None
    configured = settings()
    assert isinstance(configured, Settings)
    title = workbook.stats["updates"].title if "updates" in workbook.stats else None
    saved: list[store.CheckIn] = []
    for field, old, new in changes:
        check_in = store.CheckIn(
            update_id=update_id(target, field),
            time_utc=datetime.now(UTC),
            who=_author(),
            target=target,
            field=field,
            old_value=old,
            new_value=new,
        )
        try:
            store.save(configured.source, title, check_in)
        except SourceError as err:
            log.warning("a check-in was not saved (%s): %s", err.reason, err.user_message)
            _failed(err, lang)
            break
        confirmed().add(check_in)
        _confirmed_id(target, field)
        saved.append(check_in)
    if saved:
        st.session_state[LAST_KEY] = [dataclasses.asdict(c) for c in saved]
    return saved or None


def _failed(err: SourceError, lang: str) -> None:
    """Say why a save failed, and whether trying again is safe (it is: same update id)."""
    key = {
        "quota": N_("checkin.failed.retry"),
        "timeout": N_("checkin.failed.retry"),
        "unavailable": N_("checkin.failed.retry"),
        "forbidden": N_("checkin.failed.forbidden"),
        "tab_missing": N_("checkin.failed.no_tab"),
    }.get(err.reason, N_("checkin.failed.other"))
    st.session_state["checkin_error"] = key
    st.error(t(key, lang), icon=":material/cloud_off:")


def last_saved() -> list[store.CheckIn]:
    """The check-ins this session saved last (empty when none)."""
    stored = st.session_state.get(LAST_KEY) or []
    return [store.CheckIn(**item) for item in stored if isinstance(item, dict)]


def confirmation_box(workbook: Workbook, lang: str) -> None:
    """The last save in words, with an undo that saves the opposite check-in (a new row)."""
    saved = last_saved()
    if not saved or availability() != "ready":
        return
    for check_in in saved:
        st.success(confirmation(check_in, lang), icon=":material/task_alt:")
    if st.button(t("checkin.undo", lang), key="checkin_undo", icon=":material/undo:"):
        target = saved[0].target
        changes = [(c.field, c.new_value, c.old_value) for c in saved]
        if submit(workbook, target, changes, lang):
            st.rerun()


def _changes(
    item: Item, status: str, progress: float | None, due: date | None, note: str
) -> list[tuple[str, str, str]]:
    """The fields the form changed, as (field, old text, new text)."""
    found = []
    if status != item.status:
        found.append(("status", item.status, status))
    if progress is not None and (item.progress is None or progress != item.progress):
        old = "" if item.progress is None else f"{item.progress:g}"
        found.append(("progress", old, f"{progress:g}"))
    if due is not None and due != item.due:
        found.append(("due", item.due.isoformat() if item.due else "", due.isoformat()))
    if note.strip() != item.note.strip():
        found.append(("note", item.note, note.strip()))
    return found


def milestone_form(workbook: Workbook, item: Item, lang: str, *, presenting: bool) -> None:
    """The check-in control of one late milestone: one large "mark done" button when
    presenting, else a small form (status, progress, due date, note)."""
    if availability() != "ready":
        return
    for field in ("status", "progress", "due", "note"):
        update_id(item.target, field)  # made when the form is shown
    key = f"checkin_{item.target}"
    if presenting:
        if item.done:
            return
        if st.button(
            t("checkin.mark_done", lang, target=item.target),
            key=f"{key}_done",
            type="primary",
            icon=":material/task_alt:",
            width="stretch",
        ) and submit(workbook, item.target, [("status", item.status, "done")], lang):
            st.rerun()
        return
    with st.form(key, border=False):
        left, middle, right = st.columns(3)
        status = left.selectbox(
            t("checkin.form.status", lang),
            STATUS_KEYS,
            index=STATUS_KEYS.index(item.status) if item.status in STATUS_KEYS else 0,
            format_func=lambda k: status_name(k, lang),
            key=f"{key}_status",
        )
        progress = middle.number_input(
            t("checkin.form.progress", lang),
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            value=item.progress,
            key=f"{key}_progress",
        )
        due = right.date_input(
            t("checkin.form.due", lang), value=item.due, key=f"{key}_due", format="DD.MM.YYYY"
        )
        note = st.text_area(t("checkin.form.note", lang), value=item.note, key=f"{key}_note")
        if st.form_submit_button(t("checkin.form.save", lang), icon=":material/save:"):
            changes = _changes(item, status, progress, due if isinstance(due, date) else None, note)
            if not changes:
                st.info(t("checkin.form.nothing", lang), icon=":material/info:")
            elif submit(workbook, item.target, changes, lang):
                st.rerun()


FINDING_STATUS_KEYS = tuple(choice.key for choice in FINDING_STATUSES)


def finding_form(
    workbook: Workbook, finding_id: str, status: str, lang: str, *, presenting: bool
) -> None:
    """The "add a response" control of one finding: the duty bearer's answer and, when it
    changes, the finding's new status. Large when presenting (one control per finding)."""
    if availability() != "ready":
        return
    for field in ("response", "status"):
        update_id(finding_id, field)  # made when the form is shown
    key = f"checkin_{finding_id}"
    with st.form(f"{key}_response", border=True):
        response = st.text_area(
            t("checkin.finding.response", lang),
            key=f"{key}_response_text",
            height=120 if presenting else 80,
        )
        new_status = st.selectbox(
            t("checkin.finding.status", lang),
            FINDING_STATUS_KEYS,
            index=FINDING_STATUS_KEYS.index(status) if status in FINDING_STATUS_KEYS else 0,
            format_func=lambda k: choice_name(FINDING_STATUSES, k, lang),
            key=f"{key}_new_status",
        )
        pressed = st.form_submit_button(
            t("checkin.finding.save", lang, target=finding_id),
            icon=":material/add_comment:",
            type="primary" if presenting else "secondary",
            width="stretch" if presenting else "content",
        )
    if pressed:
        changes = []
        if response.strip():
            changes.append(("response", "", response.strip()))
        if new_status != status:
            changes.append(("status", status, new_status))
        if not changes:
            st.info(t("checkin.form.nothing", lang), icon=":material/info:")
        elif submit(workbook, finding_id, changes, lang):
            st.rerun()
