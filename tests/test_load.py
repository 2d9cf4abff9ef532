"""The loader: one read per refresh, last-good snapshot when the source fails, never a raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from utils.sources import files
from utils.sources.base import RawWorkbook, SourceAccessDenied, SourceError, SourceUnavailable
from utils.store import load
from utils.store.load import load_once, read_snapshot, save_snapshot
from utils.store.settings import Settings, read_settings

GOOD: RawWorkbook = {
    "catalog": [
        ["id", "name_en", "name_ru", "unit", "target"],
        ["ost_coverage", "OST", "ОЗТ", "percent", 50],
    ],
    "indicators": [
        ["indicator", "period", "region", "community", "numerator", "denominator"],
        ["ost_coverage", "2025-Q1", "Chuy", "pwid", 120, 1000],
    ],
    "elections": [["id", "title", "date"], ["e1", "CCPH", datetime(2025, 3, 14)]],
}


@dataclass
class ScriptedSource:
    """A source whose reads succeed or fail as the test says."""

    outcomes: list[RawWorkbook | SourceError | Exception]
    label: str = "scripted sheet"
    reads: int = field(default=0)

    def read(self) -> RawWorkbook:
        self.reads += 1
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def settings_for(source: ScriptedSource, tmp_path: Path) -> Settings:
    return Settings(source=source, is_sample=False, snapshot_dir=tmp_path / "snap")


def test_fresh_read_is_parsed_and_saved(tmp_path: Path) -> None:
    source = ScriptedSource([GOOD])
    loaded = load_once(settings_for(source, tmp_path))
    assert loaded.workbook is not None and not loaded.is_stale and loaded.failure is None
    assert loaded.workbook["indicators"]["rate"].tolist() == [12.0]
    assert read_snapshot(tmp_path / "snap" / "latest.json") is not None
    assert source.reads == 1


@pytest.mark.parametrize(
    "failure",
    [
        SourceUnavailable("Google is over its quota."),
        SourceAccessDenied("Share the sheet with bot@example.iam.gserviceaccount.com."),
        RuntimeError("a bug"),
        {"votes": [["x"]]},  # a tab renamed: the core tabs are gone
    ],
    ids=["quota", "forbidden", "bug", "renamed-tab"],
)
def test_failure_falls_back_to_the_last_good_snapshot(tmp_path: Path, failure: object) -> None:
    settings = settings_for(ScriptedSource([GOOD, failure]), tmp_path)  # type: ignore[list-item]
    first = load_once(settings, now=datetime(2026, 11, 27, 8, tzinfo=UTC))
    second = load_once(settings, now=datetime(2026, 11, 27, 9, tzinfo=UTC))
    assert second.workbook is not None
    assert second.workbook["indicators"].equals(first.workbook["indicators"])
    assert second.is_stale and second.failure is not None
    assert second.as_of == datetime(2026, 11, 27, 8, tzinfo=UTC)  # the snapshot's time
    assert "Traceback" not in second.failure.detail and "a bug" not in second.failure.detail


def test_renamed_tab_is_named_in_the_reason(tmp_path: Path) -> None:
    settings = settings_for(
        ScriptedSource([GOOD, {"Indicators (old)": [["x"]], "catalog": GOOD["catalog"]}]), tmp_path
    )
    load_once(settings)
    failure = load_once(settings).failure
    assert failure is not None and failure.reason == "tab_missing"
    assert "'indicators'" in failure.detail


def test_cold_start_without_snapshot_is_a_clear_failure(tmp_path: Path) -> None:
    loaded = load_once(
        settings_for(
            ScriptedSource([SourceUnavailable("Google did not answer in time.")]), tmp_path
        )
    )
    assert loaded.workbook is None and loaded.failure is not None
    assert loaded.failure.detail == "Google did not answer in time."
    assert loaded.failure.reason == "unavailable"


def test_snapshot_round_trips_dates_and_keeps_history(tmp_path: Path) -> None:
    raw: RawWorkbook = {"t": [["a", datetime(2025, 1, 2, 3, 4)], [1.5, None, "текст"]]}
    for day in range(3):
        save_snapshot(
            tmp_path, raw, "label", datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=day)
        )
    got = read_snapshot(tmp_path / "latest.json")
    assert got is not None and got[0] == raw and got[1] == "label"
    assert len(list((tmp_path / "history").glob("*.json"))) == 3


def test_no_configuration_means_the_sample() -> None:
    settings = read_settings({}, {})
    assert settings.is_sample and isinstance(settings.source, files.XlsxSource)
    assert settings.source.label == "sample workbook"


def test_environment_chooses_a_local_workbook(tmp_path: Path) -> None:
    settings = read_settings({}, {"UV_XLSX": str(tmp_path / "x.xlsx"), "UV_TTL_SECONDS": "60"})
    assert not settings.is_sample and settings.ttl_seconds == 60
    assert settings.source.label == "x.xlsx"  # the file name only, never the folder


def test_csv_folder_source_reads_each_tab(tmp_path: Path) -> None:
    (tmp_path / "catalog.csv").write_text("id;unit\nost_coverage;percent\n", encoding="utf-8")
    (tmp_path / "indicators.csv").write_text('indicator,value\nost,"12,5"\n', encoding="utf-8-sig")
    raw = files.CsvFolderSource(tmp_path).read()
    assert raw["catalog"] == [["id", "unit"], ["ost_coverage", "percent"]]
    assert raw["indicators"][1] == ["ost", "12,5"]


def test_two_writers_sharing_a_snapshot_folder_never_mix_their_files(tmp_path) -> None:
    """Replicas share one folder (docs/DEPLOY.md): each write goes through its own temporary
    file, so concurrent writes leave one whole snapshot, never a torn one or a stray .tmp."""
    import threading
    from datetime import UTC, datetime

    from utils.store import load as store

    def write(n: int) -> None:
        for i in range(20):
            raw = {"tab": [["writer", "i"], [n, i]] + [["x" * 200]] * 50}
            store.save_snapshot(tmp_path, raw, f"w{n}", datetime(2026, 12, 2, tzinfo=UTC))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = store.read_snapshot(tmp_path / "latest.json")
    assert saved is not None and saved[1] in {"w0", "w1", "w2", "w3"}
    assert not list(tmp_path.rglob("*.tmp"))


@dataclass
class NetworkSource(ScriptedSource):
    """A scripted source that reads over a network (it has a request timeout)."""

    timeout: float = 10.0


def test_replicas_sharing_a_folder_read_the_sheet_once_per_period(tmp_path: Path) -> None:
    """Two replicas, one snapshot folder: the second uses the first's fresh copy (docs/DEPLOY.md)."""
    first, second = NetworkSource([GOOD]), NetworkSource([GOOD, GOOD])
    a = Settings(source=first, is_sample=False, snapshot_dir=tmp_path / "shared", ttl_seconds=600)
    b = Settings(source=second, is_sample=False, snapshot_dir=tmp_path / "shared", ttl_seconds=600)
    start = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    read_a = load.read_fresh(a, now=start)
    read_b = load.read_fresh(b, now=start + timedelta(seconds=30))
    assert (first.reads, second.reads) == (1, 0)
    assert read_b.as_of == read_a.as_of == start  # both replicas say the same "as of"
    assert read_b.workbook is not None and len(read_b.workbook["indicators"]) == 1
    # A period later the copy is stale: the second replica reads the sheet itself.
    load.read_fresh(b, now=start + timedelta(seconds=700))
    assert second.reads == 1
    # Refresh now always reads.
    load.read_fresh(b, forced=True, now=start + timedelta(seconds=710))
    assert second.reads == 2
