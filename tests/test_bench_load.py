"""The protocol-level load test's client (benchmarks/bench_load.py) still speaks Streamlit's protocol.

The benchmark is run by hand; this keeps its client from rotting between runs: against a real
``streamlit run app.py`` on the sample it must finish a page, read what the page drew, change
a filter the way the browser does, and report a page that is not there as a failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from benchmarks.bench_load import Client, PageFailed
from tests.browser.conftest import Server, start_server, stop_server


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on the bundled sample, in its own process."""
    running = start_server(tmp_path_factory.mktemp("bench-load"))
    yield running
    stop_server(running)


T = TypeVar("T")


def _run(main: Coroutine[object, object, T]) -> T:
    """Run ``main`` on a loop of its own thread: a browser test earlier in this worker (xdist)
    may leave Playwright's event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main).result()


async def _open_and_switch_language(url: str) -> tuple[str, str, str, str]:
    async with Client(url, timeout=60) as tab:
        first = await tab.open("sheet_health", "lang=en")
        chosen = first.widgets["lang"].value
        switched = await tab.change("lang", 0)  # English -> the next option, Русский
        return first.title, chosen[0], switched.title, tab.query


def test_the_client_finishes_a_page_and_changes_its_filter(app: Server, tmp_path: Path) -> None:
    title, chosen, switched, query = _run(_open_and_switch_language(app.url))
    assert (title, chosen) == ("Sheet health", "English")
    # The page redrew in Russian and wrote the new language into its URL, as a browser sees.
    assert (switched, query) == ("Проверка таблицы", "lang=ru")


async def _open_missing_page(url: str) -> None:
    async with Client(url, timeout=60) as tab:
        await tab.open("no_such_page", "lang=en")


def test_a_page_that_is_not_there_is_a_failure(app: Server) -> None:
    with pytest.raises(PageFailed, match="page not found"):
        _run(_open_missing_page(app.url))
