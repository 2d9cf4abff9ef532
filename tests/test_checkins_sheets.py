"""Check-ins written to a Google Sheet (issue 19), over real gspread against the local Sheets
API server: appends only (RAW, INSERT_ROWS), under 5xx errors and timeouts, a hand edit never
overwritten, formula-like text kept as text, and a service account without Editor rights.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.sheets_api_server import Fault, SheetsApiServer, Typed
from utils.analysis import checkins as ci
from utils.sheet.parse import parse_workbook
from utils.sources.base import SourceAccessDenied, SourceConfigError, SourceError
from utils.sources.gsheets import GoogleSheetSource
from utils.store import checkins as store

MILESTONES = [
    ["id", "objective", "milestone", "lead", "due", "status", "progress", "last_update", "notes"],
    ["M-90", "Access", "Naloxone in every oblast", "HRN", date(2025, 3, 31), "at risk", 40,
     date(2025, 3, 1), ""],
    ["M-91", "Access", "OST in prisons", "AFEW", date(2025, 4, 30), "delayed", 20, None, ""],
]  # fmt: skip
# The editors wrote the updates header in Russian and in their own order.
UPDATES = [["кто", "код обновления", "что", "поле", "было", "стало", "время utc", "время бишкек"]]
STATUS_CELL = "F2"  # M-90's status


@pytest.fixture
def server() -> Iterator[SheetsApiServer]:
    with SheetsApiServer({"milestones": MILESTONES, "updates": UPDATES}) as running:
        yield running


def writer(
    server: SheetsApiServer, *, writable: bool = True, timeout: float = 2
) -> GoogleSheetSource:
    """A dashboard server's source: small timeouts and backoff so faults cost little time."""
    return GoogleSheetSource(
        server.spreadsheet_url,
        server.service_account_info(),
        api_root=server.api_root,
        timeout=timeout,
        max_attempts=6,
        backoff_base=0.004,
        writable=writable,
    )


def check_in(
    uid: str, target: str, field: str, old: str, new: str, at: datetime | None = None
) -> store.CheckIn:
    return store.CheckIn(
        uid, at or datetime.now(UTC), "amina@coalition.kg", target, field, old, new
    )


def test_two_writers_under_faults_leave_exactly_200_updates(server: SheetsApiServer) -> None:
    before = server.cells("milestones")
    rng = random.Random(19)
    # One scripted answer per append, in the order they arrive: mostly fine, else a 503, a
    # 500 after the row was written, a 429, or no answer within the timeout (written anyway).
    faults = [
        rng.choices(
            [
                Fault(),
                Fault(status=503),
                Fault(status=500, after=True),
                Fault(status=429),
                Fault(delay=0.2),
            ],
            weights=[10, 2, 2, 1, 1],
        )[0]
        for _ in range(260)
    ]
    for fault in faults:
        fault.match = "append"
    sent: dict[str, list[str]] = {}
    server.add_faults(*faults)

    def run(name: str) -> None:
        source = writer(server, timeout=0.1)
        source.read()  # a dashboard has read the sheet (and its header row) before a save
        for n in range(100):
            item = check_in(f"{name}-{n:03d}", "M-90", "note", "", f"{name} note {n}")
            sent[item.update_id] = store.row_for(source.header("updates"), item)
            while True:  # a person presses save again after a failure: the same update id
                try:
                    store.save(source, "updates", item)
                    break
                except SourceError:
                    continue

    threads = [threading.Thread(target=run, args=(name,)) for name in ("alpha", "beta")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    deadline = time.monotonic() + 5  # requests that timed out on the client finish here
    while any(r.status == 0 for r in server.requests) and time.monotonic() < deadline:
        time.sleep(0.05)

    assert server.cells("milestones") == before  # no cell outside the updates tab changed
    rows = server.cells("updates")[1:]
    texts = [[cell.value if cell is not None else "" for cell in row] for row in rows]
    # Every row is one whole update as sent, in its own row: nothing written over another.
    assert all(row in sent.values() for row in texts)
    workbook = parse_workbook({"updates": [UPDATES[0], *texts]})
    unique = ci.dedupe(workbook["updates"])
    assert len(unique) == 200
    assert set(unique["update_id"]) == set(sent)
    assert len(rows) > 200  # the faults did make some saves arrive twice (then deduplicated)
    assert server.count("append") > 200


def test_a_hand_edit_between_two_app_updates_is_never_overwritten(server: SheetsApiServer) -> None:
    source = writer(server)
    source.read()
    noon = datetime(2025, 3, 20, 6, 0, tzinfo=UTC)  # 12:00 in Bishkek
    store.save(source, "updates", check_in("u-1", "M-90", "status", "at_risk", "done", noon))
    server.type_cell("milestones", STATUS_CELL, "Отстаёт")  # an editor, by hand: delayed
    edited = server.cells("milestones")
    later = noon + timedelta(hours=1)
    store.save(source, "updates", check_in("u-2", "M-90", "progress", "40", "70", later))

    assert server.cells("milestones") == edited
    workbook = parse_workbook(source.read(), today=date(2025, 3, 20))
    result = ci.merge(workbook["milestones"], workbook["updates"])
    row = result.frame.iloc[0]
    assert (row["status"], row["progress"]) == ("delayed", 70.0)
    status = result.outcome("M-90", "status")
    assert status is not None
    assert (status.state, status.sheet_value, status.new_value) == (
        "sheet_newer",
        "delayed",
        "done",
    )
    assert [r.kind for r in server.requests].count("append") == 2


def test_text_that_looks_like_a_formula_is_stored_and_read_back_as_text(
    server: SheetsApiServer,
) -> None:
    source = writer(server)
    source.read()
    notes = ['=HYPERLINK("http://evil.example","x")', "+2 sites since March", "-5", "@amina"]
    for n, note in enumerate(notes):
        store.save(source, "updates", check_in(f"f-{n}", "M-91", "note", "", note))

    stored = [row[5] for row in server.cells("updates")[1:]]  # the "стало" column
    assert stored == [Typed(note, shown=note) for note in notes]  # text, no formula, no number
    appends = [r for r in server.requests if r.kind == "append"]
    assert {r.query["valueInputOption"][0] for r in appends} == {"RAW"}
    assert {r.query["insertDataOption"][0] for r in appends} == {"INSERT_ROWS"}
    workbook = parse_workbook(source.read())
    assert list(workbook["updates"]["new_value"]) == notes
    # The same text sent USER_ENTERED would have become a formula: the double can tell.
    source._http.values_append(
        server.spreadsheet_id,
        "'updates'!A1",
        {"valueInputOption": "USER_ENTERED"},
        {"values": [["=1+1"]]},
    )
    assert server.cells("updates")[-1][0] == Typed(
        None, error="ERROR", shown="#ERROR!", formula="=1+1"
    )


def test_without_write_rights_nothing_is_written_and_the_cause_is_named(
    server: SheetsApiServer,
) -> None:
    item = check_in("x-1", "M-90", "note", "", "hello")
    with pytest.raises(SourceConfigError):
        store.save(writer(server, writable=False), "updates", item)  # check-ins off
    assert server.count("append") == 0
    server.can_edit = False  # shared as Viewer only
    with pytest.raises(SourceAccessDenied, match="Editor"):
        store.save(writer(server), "updates", item)
    server.can_edit = True
    with pytest.raises(store.CheckInError):
        store.save(writer(server), None, item)  # the sheet has no updates tab
    assert server.cells("updates") == [[Typed(h, shown=h) for h in UPDATES[0]]]
