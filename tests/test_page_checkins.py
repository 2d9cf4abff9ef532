"""Check-ins on the Strategy page (issue 19), through AppTest against the local Sheets API
server: an editor marks a late milestone done and sees it at once, confirmed in words, with an
undo; the sheet gets one RAW row in its updates tab with the author, and no other cell
changes. A viewer, or open mode without the deployer's consent, sees no form, and no URL or
widget state makes the page write. A file source says check-ins need a Google Sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apptest import page, run, run_page
from tests.sheets_api_server import SheetsApiServer
from tests.test_page_roles import secrets, user
from utils.sheet.contract import FINDINGS
from utils.sources.files import SAMPLE_PATH, XlsxSource

LATE = {
    "id": "M-90", "objective": "Access", "milestone": "Naloxone in every oblast", "lead": "HRN",
    "due": date(2025, 3, 31), "status": "at risk", "progress": 40, "last_update": date(2025, 3, 1),
}  # fmt: skip
EDITOR = user("Editor@Coalition.kg", email_verified=True)
VIEWER = user("someone@coalition.kg", email_verified=True)
UPDATES_HEADER = ["update_id", "time_utc", "time_local", "who", "target", "field", "old_value",
                  "new_value"]  # fmt: skip


@pytest.fixture
def sheet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SheetsApiServer]:
    """The sample with one milestone late for ever (due 31.03.2025), an empty updates tab,
    served as a Google Sheet, with check-ins on."""
    raw: dict[str, Any] = dict(XlsxSource(SAMPLE_PATH).read())
    header = raw["milestones"][0]
    raw["milestones"] = [header, [LATE.get(str(name)) for name in header]]
    raw["updates"] = [UPDATES_HEADER]
    findings = list(raw["findings"][0]) if raw.get("findings") else list(FINDINGS.column_names)
    raw["findings"] = [findings, [FINDING.get(str(name)) for name in findings]]
    raw["actions"] = [
        ACTIONS_HEADER,
        ["F-07", date(2025, 5, 20), "Letter to the ministry", "HRN", "", "raised"],
    ]
    with SheetsApiServer(raw) as server:
        for name, value in server.app_environment(tmp_path, timeout=60).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("UV_CHECK_INS", "true")
        st.cache_resource.clear()
        yield server


FINDING = {
    "id": "F-07", "date_found": date(2025, 5, 10), "round": "2025-Q2", "region": "Osh oblast",
    "category": "stockout", "site": "Osh oblast AIDS centre", "duty_bearer": "Ministry of Health",
    "date_raised": date(2025, 5, 20), "response_due": date(2025, 6, 20), "status": "raised",
}  # fmt: skip
ACTIONS_HEADER = ["finding_id", "date", "action", "by", "response", "new_status"]


def signed_in(who: dict[str, Any], script: str = "pages/strategy.py", **state: object) -> AppTest:
    found = secrets()
    found.pop("gcp_service_account")  # the key file in the environment is the account
    return page(script, secrets=found, user=who, state=state)


def seen(at: AppTest) -> str:
    """The page's words as a reader sees them (Markdown escapes and U+2060 removed)."""
    parts = [m.value for m in at.markdown] + [e.value for e in [*at.success, *at.info, *at.caption]]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts)).replace("\u2060", "")


def test_an_editor_marks_a_late_milestone_done_and_sees_it_at_once(sheet: SheetsApiServer) -> None:
    before = {title: sheet.cells(title) for title in ("milestones", "indicators", "catalog")}
    at = run(signed_in(EDITOR))
    assert "Naloxone in every oblast" in seen(at)
    at.selectbox(key="checkin_M-90_status").set_value("done")
    saves = [b for b in at.button if b.label == "Save the check-in"]
    assert len(saves) == 1
    saves[0].click()
    at = run(at)

    rows = sheet.cells("updates")
    assert len(rows) == 2  # the header and one check-in
    written = dict(zip(UPDATES_HEADER, [c.value if c else "" for c in rows[1]], strict=False))
    assert (written["who"], written["target"], written["field"]) == (
        "editor@coalition.kg",
        "M-90",
        "status",
    )
    assert (written["old_value"], written["new_value"]) == ("at_risk", "done")
    assert all(c is None or (isinstance(c.value, str) and not c.formula) for c in rows[1])  # RAW
    hour = written["time_local"][11:16]
    assert f"M-90 marked done by editor@… at {hour}" in seen(at)
    assert {title: sheet.cells(title) for title in before} == before
    # At once, before any new read: the milestone is done, so nothing is late any more.
    assert sheet.count("gridData") == 1
    assert "Done" in seen(at)
    assert any(b.label == "Undo" for b in at.button)


def test_a_viewer_sees_no_form_and_forged_state_writes_nothing(sheet: SheetsApiServer) -> None:
    # One check-in already in the sheet, so the viewer's page shows the section and its words.
    saved = ["u-1", "2025-03-20 08:32:00", "2025-03-20 14:32:00", "amina@coalition.kg", "M-90",
             "progress", "40", "60"]  # fmt: skip
    sheet.type_cell("updates", "A2", saved[0])
    for column, value in zip("BCDEFGH", saved[1:], strict=True):
        sheet.type_cell("updates", f"{column}2", value)
    forged = {
        "checkin_M-90_status": "done",
        "checkin_id_M-90_status": "forged-id",
        "checkin_last": [{"update_id": "x", "time_utc": None, "who": "v", "target": "M-90",
                          "field": "status", "old_value": "at_risk", "new_value": "done"}],
    }  # fmt: skip
    at = signed_in(VIEWER, **forged)
    at.query_params["present"] = "true"
    at = run(at)
    words = seen(at)
    assert "Progress: 60%, from the check-in by amina@… on 20 Mar 2025, 14:32 (UTC+6)" in words
    assert "marked done" not in words  # the forged confirmation is not shown
    assert not [w for w in at.selectbox if str(w.key).startswith("checkin_")]
    assert not [
        b for b in at.button if str(b.key).startswith(("checkin_", "FormSubmitter:checkin"))
    ]
    assert sheet.count("append") == 0


def test_open_mode_without_the_setting_shows_no_form(sheet: SheetsApiServer) -> None:
    at = run_page("pages/strategy.py", state={"checkin_M-90_done": True})
    assert not [b for b in at.button if "M-90" in b.label or b.label == "Save the check-in"]
    assert sheet.count("append") == 0


def test_a_file_source_says_check_ins_need_a_google_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UV_XLSX", str(SAMPLE_PATH))
    monkeypatch.setenv("UV_CHECK_INS", "true")
    monkeypatch.setenv("UV_CHECK_INS_OPEN_MODE", "true")
    at = run_page("pages/strategy.py")
    assert "Check-ins need a Google Sheet the dashboard may write to" in seen(at)
    assert not [b for b in at.button if b.label == "Save the check-in"]


def test_an_editor_adds_a_response_to_a_finding_and_its_story_shows_it(
    sheet: SheetsApiServer,
) -> None:
    before = {title: sheet.cells(title) for title in ("findings", "actions", "milestones")}
    at = run(signed_in(EDITOR, "pages/monitoring.py"))
    at.text_area(key="checkin_F-07_response_text").input("=Ministry: stock arrives 1 July")
    at.selectbox(key="checkin_F-07_new_status").set_value("committed")
    [save] = [b for b in at.button if b.label == "Add a response to F-07"]
    save.click()
    at = run(at)

    rows = [[c.value if c else "" for c in row] for row in sheet.cells("updates")[1:]]
    written = [dict(zip(UPDATES_HEADER, row, strict=False)) for row in rows]
    assert [(w["target"], w["field"], w["old_value"], w["new_value"]) for w in written] == [
        ("F-07", "response", "", "=Ministry: stock arrives 1 July"),
        ("F-07", "status", "raised", "committed"),
    ]
    assert {w["who"] for w in written} == {"editor@coalition.kg"}
    assert {title: sheet.cells(title) for title in before} == before  # only the updates tab
    story = next(
        frame.value
        for frame in at.dataframe
        if "=Ministry: stock arrives 1 July" in frame.value.to_string()
    )
    assert "editor@…" in story.to_string()
    assert "F-07: Response set to «=Ministry: stock arrives 1 July» by editor@…" in seen(at)
