"""The page harness bites: with any figure, deck or table builder made to raise, the page that
uses it fails through ``tests.apptest.run_page``, although ``ui.guarded`` keeps the page on
screen with a friendly line.

Every public ``make_*`` of ``utils/render/{access,votes,strategy,maps}.py`` is found by name,
so a builder added later is covered too. The builder is replaced on its module (pages and
view-models reach it as ``charts.make_…``) and wherever else a module bound the same function
by name. The pages are tried in turn, the page of the builder's own area first, until one
calls it; a builder no page calls on the sample fails the test.
"""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import pytest

from data.make_sample import TODAY, build_sample
from tests.apptest import opened, run_page
from tests.conftest import ROOT
from utils.i18n import t
from utils.pack import content
from utils.render import access, maps, strategy, votes
from utils.sheet.parse import parse_workbook

MODULES: dict[ModuleType, str] = {
    access: "pages/program_access.py",
    votes: "pages/votes.py",
    strategy: "pages/strategy.py",
    maps: "pages/program_access.py",
}
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
PACK_ONLY: dict[str, str] = {"make_region_print_figure": "map"}
"""Builders only the meeting pack calls (on a click, so no page run reaches them), with the
pack page they draw: broken, that page must say it could not be made."""


def builders() -> list[tuple[ModuleType, str]]:
    """Every public ``make_*`` function defined in the render modules above."""
    return [
        (module, name)
        for module in MODULES
        for name, value in vars(module).items()
        if name.startswith("make_")
        and inspect.isfunction(value)
        and value.__module__ == module.__name__
    ]


def test_every_render_module_has_builders() -> None:
    """The parametrisation below is not empty by mistake (an import or naming change)."""
    assert {module for module, _ in builders()} == set(MODULES)


class Planted(RuntimeError):
    """The error a broken builder raises."""


def break_builder(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> list[str]:
    """Make ``module.name`` raise wherever it is bound; returns the list its calls land in."""
    original = getattr(module, name)
    calls: list[str] = []

    def broken(*args: object, **kwargs: object) -> None:
        calls.append(name)
        raise Planted(f"{name} is broken on purpose")

    for loaded in list(sys.modules.values()):
        if getattr(loaded, "__name__", "").startswith("utils."):
            for attr, value in list(vars(loaded).items()):
                if value is original:
                    monkeypatch.setattr(loaded, attr, broken)
    return calls


def pages_to_try(module: ModuleType) -> list[str]:
    """The builder's own page first, then every other page."""
    own = MODULES[module]
    return [own, *(p for p in PAGES if p != own)]


@pytest.mark.parametrize(
    ("module", "name"),
    builders(),
    ids=[f"{m.__name__.rsplit('.', 1)[-1]}.{n}" for m, n in builders()],
)
def test_a_broken_builder_fails_the_page_that_uses_it(
    module: ModuleType, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = break_builder(monkeypatch, module, name)
    if name in PACK_ONLY:
        workbook = parse_workbook(build_sample(), today=TODAY)
        made = content.pages(workbook, None, since=None, lang="en", threshold=10, today=TODAY)
        page = next(p for p in made if p.kind == PACK_ONLY[name])
        assert calls, f"the pack's {page.kind} page did not call {name}"
        assert page.lines == (t("pack.broken", "en"),) and page.figure is None
        return
    for page in pages_to_try(module):
        try:
            run_page(page, lang="en", query=opened(page))
        except AssertionError as failed:
            if calls:
                assert "section failed" in str(failed) or "raised" in str(failed), failed
                return
            raise  # the page fails without the builder: that is another test's business
        if calls:
            pytest.fail(f"{page} called the broken {name} and the harness did not fail it")
    pytest.fail(f"no page calls {module.__name__}.{name} on the sample (through its module)")


def test_an_untouched_page_passes() -> None:
    """The control: the same harness on the same sample passes when nothing is broken."""
    for page in sorted(set(MODULES.values())):
        run_page(page, lang="en", query=opened(page))
