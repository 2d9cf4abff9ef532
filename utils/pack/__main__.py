"""``python -m utils.pack --lang ky --out pack.pdf``: write the meeting pack for a scheduled job.

It reads the configured source as the app does (``.streamlit/secrets.toml`` or the ``UV_*``
environment; the bundled sample when no sheet is configured), cuts the workbook to ``--role``
(``viewer`` unless told; ``public`` holds only the public indicators), compares "what changed"
with the latest earlier copy the Strategy page offers, and writes the PDF. This entry point is the
one place in ``utils/pack`` that writes a file.

Exit codes: 0 written; 2 no data could be read; 3 no browser to draw the charts (the message
names what to install); 4 the pack could not be made (the cause is logged, no traceback unless
``--debug``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Final

from utils.i18n import LANGUAGES, set_display_timezone, t
from utils.sheet.parse import Workbook

EXIT_NO_DATA: Final = 2
EXIT_NO_BROWSER: Final = 3
EXIT_FAILED: Final = 4
SECRETS_PATH: Final = Path(".streamlit") / "secrets.toml"
ROLES: Final = ("public", "viewer", "editor", "admin")


class _Brief(logging.Formatter):
    """Log lines without tracebacks: a scheduled job's mail says what failed, not where."""

    def format(self, record: logging.LogRecord) -> str:
        brief = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(brief)


def _earlier(
    workbook: Workbook, history: list, *, today: date, sample: bool
) -> tuple[date | None, Workbook | None]:
    """The day and copy "what changed" compares with, as the Strategy page first offers them."""
    from utils.store.load import parse_snapshot
    from utils.views import strategy as strategy_views

    options = strategy_views.choices(workbook, history, today=today, sample=sample)
    if not options.since:
        return options.pick_default, None
    day = options.since[0]
    copy = parse_snapshot(history, options.saved_at(day), ("milestones",))
    return date.fromisoformat(day), copy


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pack; the return value is the exit code (module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m utils.pack",
        description="Write the meeting pack (PDF) of the coalition's key views.",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="ru", help="language of the pack")
    parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    parser.add_argument("--role", choices=ROLES, default="viewer", help="whose view it holds")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    lang: str = args.lang
    handler = logging.StreamHandler(sys.stderr)
    if not args.debug:
        handler.setFormatter(_Brief("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    from utils import pack

    if pack.browser() is None:
        print(t("pack.no_browser", lang, command=pack.INSTALL_HINT), file=sys.stderr)
        return EXIT_NO_BROWSER
    from utils.analysis.milestones import today_in_bishkek
    from utils.store import load
    from utils.store.settings import read_secrets_file, read_settings
    from utils.web.auth import workbook_for

    try:
        settings = read_settings(read_secrets_file(SECRETS_PATH), os.environ)
    except Exception as err:  # unreadable settings: say so in plain words
        print(t("pack.cli.no_data", lang, reason=str(err)), file=sys.stderr)
        return EXIT_NO_DATA
    set_display_timezone(settings.timezone)
    loaded = load.load_once(settings)
    if loaded.workbook is None:
        reason = loaded.failure.detail if loaded.failure else "—"
        print(t("pack.cli.no_data", lang, reason=reason), file=sys.stderr)
        return EXIT_NO_DATA
    workbook = workbook_for(args.role, loaded.workbook)
    today = today_in_bishkek()
    history = load.sample_history() if settings.is_sample else load.history(settings.snapshot_dir)
    since, earlier = _earlier(workbook, history, today=today, sample=settings.is_sample)
    source = t("banner.sample_source", lang) if loaded.is_sample else loaded.source_label
    try:
        pdf = pack.build(
            workbook,
            earlier,
            pack.PackFilters(since=since),
            lang=lang,
            threshold=loaded.threshold,
            today=today,
            as_of=loaded.as_of,
            source=source,
            sample=loaded.is_sample,
            public=args.role == "public",
            boundaries=load.boundaries(),
        )
    except pack.BrowserMissing:
        print(t("pack.no_browser", lang, command=pack.INSTALL_HINT), file=sys.stderr)
        return EXIT_NO_BROWSER
    except Exception:
        logging.getLogger("united_voices.pack").exception("the meeting pack failed")
        print(t("pack.failed", lang), file=sys.stderr)
        if args.debug:
            raise
        return EXIT_FAILED
    args.out.write_bytes(pdf)
    print(t("pack.cli.written", lang, path=str(args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
