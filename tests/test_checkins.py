"""Check-ins (issue 19), the pure parts: the merging rule, deduplication, the row written in
the sheet's own header order, the overlay, who may check in, and the confirming sentence.

Every expected value is worked out by hand from the small workbook below.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from utils.analysis import checkins as ci
from utils.sheet.parse import parse_workbook
from utils.store import checkins as store
from utils.views.checkins import confirmation
from utils.web import auth

MILESTONES = [
    ["id", "objective", "milestone", "lead", "due", "status", "progress", "last_update", "notes"],
    ["M-05", "Access", "Naloxone in every oblast", "Harm Reduction Network", "31.03.2025",
     "at risk", "40", "10.03.2025", ""],
    ["M-06", "Access", "OST in prisons", "AFEW", "30.04.2025", "delayed", "20", "", "Waiting"],
]  # fmt: skip
UPDATES_HEADER = ["update_id", "time_utc", "time_local", "who", "target", "field", "old_value",
                  "new_value"]  # fmt: skip


def update(uid: str, when: str, target: str, field: str, old: str, new: str) -> list[str]:
    """One row of the updates tab; ``when`` is UTC."""
    return [uid, when, "", "amina@coalition.kg", target, field, old, new]


def merged(*rows: list[str], milestones: list[list[str]] = MILESTONES) -> ci.Merged:
    """The milestones with these check-ins on top, parsed as the dashboard parses the sheet."""
    workbook = parse_workbook(
        {"milestones": milestones, "updates": [UPDATES_HEADER, *rows]}, today=date(2025, 6, 1)
    )
    return ci.merge(workbook["milestones"], workbook["updates"])


def status(result: ci.Merged, target: str = "M-05") -> str:
    frame = result.frame
    return str(frame.loc[frame["id"] == target, "status"].iloc[0])


def test_a_check_in_newer_than_the_row_is_on_top() -> None:
    # Row last updated 10.03.2025; the check-in is 20.03.2025 14:32 in Bishkek (08:32 UTC).
    result = merged(update("u1", "2025-03-20 08:32:00", "M-05", "status", "at_risk", "done"))
    assert status(result) == "done"
    outcome = result.outcome("M-05", "status")
    assert outcome is not None and outcome.state == "applied"
    assert outcome.time_utc == datetime(2025, 3, 20, 8, 32, tzinfo=UTC)
    assert status(result, "M-06") == "delayed"  # the other row is untouched


def test_a_check_in_older_than_the_rows_last_update_loses_to_the_row() -> None:
    # 09.03.2025 23:00 UTC is 10.03 05:00 in Bishkek: the same day as last_update, so it
    # counts; 08.03 is older than the row and is ignored altogether.
    old = update("u1", "2025-03-08 10:00:00", "M-05", "status", "at_risk", "done")
    assert status(merged(old)) == "at_risk"
    assert merged(old).outcomes == ()
    same_day = update("u2", "2025-03-09 23:00:00", "M-05", "status", "at_risk", "done")
    assert status(merged(same_day)) == "done"


def test_a_hand_edit_after_the_check_in_wins_and_both_values_are_kept() -> None:
    edited = [row[:] for row in MILESTONES]
    edited[1][5] = "delayed"  # an editor typed "delayed" after the meeting marked it done
    result = merged(
        update("u1", "2025-03-20 08:32:00", "M-05", "status", "at_risk", "done"), milestones=edited
    )
    assert status(result) == "delayed"
    outcome = result.outcome("M-05", "status")
    assert outcome is not None
    assert (outcome.state, outcome.sheet_value, outcome.new_value) == (
        "sheet_newer",
        "delayed",
        "done",
    )


def test_a_check_in_made_after_seeing_the_hand_edit_is_on_top_again() -> None:
    edited = [row[:] for row in MILESTONES]
    edited[1][5] = "delayed"
    result = merged(
        update("u1", "2025-03-20 08:32:00", "M-05", "status", "at_risk", "done"),
        update("u2", "2025-03-21 09:00:00", "M-05", "status", "delayed", "on_track"),
        milestones=edited,
    )
    assert status(result) == "on_track"


def test_undo_is_a_new_check_in_that_puts_the_value_back() -> None:
    done = update("u1", "2025-03-20 08:32:00", "M-05", "status", "at_risk", "done")
    undo = update("u2", "2025-03-20 08:33:10", "M-05", "status", "done", "at_risk")
    result = merged(done, undo)
    assert status(result) == "at_risk"
    outcome = result.outcome("M-05", "status")
    assert outcome is not None and outcome.state == "agrees"  # the sheet says at_risk too


def test_a_retried_save_is_counted_once() -> None:
    first = update("u1", "2025-03-20 08:32:00", "M-05", "progress", "40", "60")
    again = update("U1", "2025-03-20 08:32:00", "M-05", "progress", "40", "60")
    later = update("u2", "2025-03-20 08:40:00", "M-05", "progress", "60", "70")
    workbook = parse_workbook({"updates": [UPDATES_HEADER, first, again, later]})
    assert list(ci.dedupe(workbook["updates"])["update_id"]) == ["u1", "u2"]
    result = merged(first, again, later)
    assert result.frame.loc[0, "progress"] == 70.0
    assert result.frame["progress"].dtype == "float64"


def test_progress_due_date_and_note_take_the_columns_types() -> None:
    result = merged(
        update("u1", "2025-03-20 08:32:00", "M-06", "due", "2025-04-30", "2025-06-30"),
        update("u2", "2025-03-20 08:33:00", "M-06", "note", "Waiting", "=Ministry answered"),
    )
    row = result.frame[result.frame["id"] == "M-06"].iloc[0]
    assert row["due"] == pd.Timestamp(2025, 6, 30)
    assert result.frame["due"].dtype == "datetime64[ns]"
    assert row["notes"] == "=Ministry answered"


def test_the_row_follows_the_sheets_own_header_in_russian_and_any_order() -> None:
    check_in = store.CheckIn(
        "id-1", datetime(2025, 3, 20, 8, 32, 5, tzinfo=UTC), "amina@coalition.kg", "M-05",
        "status", "at_risk", "done",
    )  # fmt: skip
    header = ["Кто", "код обновления", "Что", "Поле", "Было", "Стало", "Время UTC",
              "Время Бишкек", None, "заметка редактора"]  # fmt: skip
    assert store.row_for(header, check_in) == [
        "amina@coalition.kg", "id-1", "M-05", "status", "at_risk", "done",
        "2025-03-20 08:32:05", "2025-03-20 14:32:05",
    ]  # fmt: skip
    with pytest.raises(store.CheckInError, match="who"):
        store.row_for(["update_id", "time_utc", "target", "field"], check_in)


def test_the_overlay_adds_only_what_the_sheet_lacks_under_a_new_serial() -> None:
    base = parse_workbook(
        {
            "milestones": MILESTONES,
            "updates": [
                UPDATES_HEADER,
                update("u1", "2025-03-20 08:32:00", "M-05", "note", "", "x"),
            ],
        }
    )
    held = store.CheckIn("U1", datetime(2025, 3, 20, 8, 32, tzinfo=UTC), "a@b.kg", "M-05", "note", "", "x")  # fmt: skip
    new = store.CheckIn("u9", datetime(2025, 3, 20, 9, 0, tzinfo=UTC), "a@b.kg", "M-05", "status", "at_risk", "done")  # fmt: skip
    assert store.overlay(base, [held]) is base
    shown = store.overlay(base, [held, new])
    assert shown.serial != base.serial
    assert list(shown["updates"]["update_id"]) == ["u1", "u9"]
    assert shown["updates"]["time_local"].iloc[1] == pd.Timestamp(2025, 3, 20, 15, 0)
    assert status(ci.merge(shown["milestones"], shown["updates"])) == "done"


@pytest.mark.parametrize(
    ("access", "enabled", "open_mode", "allowed"),
    [
        (auth.Access("member", "editor", "e@c.kg"), True, False, True),
        (auth.Access("member", "admin", "a@c.kg"), True, False, True),
        (auth.Access("member", "editor", "e@c.kg"), False, True, False),  # check-ins off
        (auth.Access("member", "viewer", "v@c.kg"), True, True, False),
        (auth.Access("public", "public"), True, True, False),
        (auth.Access("open", "admin"), True, False, False),  # open mode, not allowed
        (auth.Access("open", "admin"), True, True, True),
    ],
)
def test_who_may_check_in(
    access: auth.Access, enabled: bool, open_mode: bool, allowed: bool
) -> None:
    assert auth.may_check_in(access, enabled, open_mode) is allowed


def seen(markdown: str) -> str:
    """Markdown as a reader sees it: escapes and the invisible autolink breaker gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_a_save_is_confirmed_in_words_in_bishkek_time() -> None:
    saved = store.CheckIn("u", datetime(2025, 3, 20, 8, 32, tzinfo=UTC), "amina@coalition.kg", "M-05", "status", "at_risk", "done")  # fmt: skip
    assert seen(confirmation(saved, "en")) == "M-05 marked done by amina@… at 14:32"
    assert seen(confirmation(saved, "ru")) == "M-05 отмечен выполненным: amina@…, 14:32"
    moved = store.CheckIn("u", datetime(2025, 3, 20, 8, 32, tzinfo=UTC), "open mode", "M-05", "progress", "40", "60")  # fmt: skip
    assert seen(confirmation(moved, "en")) == "M-05: Progress set to 60% by open mode at 14:32"
