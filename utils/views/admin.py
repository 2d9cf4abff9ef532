"""The Administration page's view-model: the data source's health and who may sign in, worded.

Pure: no Streamlit. What this page shows is server state, not the workbook: the request and
read counters, the saved copy, the last error (``utils.store.load.source_health``) and the
allow-list in the secrets (``utils.web.session.policy``). Only the web layer can read those, so
the page reads them and passes them in as plain values (``SignIn`` for the policy); this module
only words them. Its view is not cached: the counters move between reads, and a view keyed on
the workbook would show them stale. Sheet-derived or configured text (the source's name, the
last error) passes through ``utils.render.text.for_markdown``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from utils.i18n import fmt_number, format_time, t
from utils.render.text import for_markdown
from utils.views.sections import Broken, attempt


@dataclass(frozen=True)
class SignIn:
    """Who may sign in, as plain values (the page reads them from ``session.policy()``)."""

    providers: tuple[str, ...]  # the providers' names as people know them ("Google")
    public_view: bool
    problems: tuple[tuple[int, str], ...] = ()  # (allow-list entry number, problem code)
    rules: tuple[tuple[str, str], ...] = ()  # (address or "@domain", role or "none")


@dataclass(frozen=True)
class Metric:
    """One big number, as ``st.metric`` takes it."""

    label: str
    value: str
    help: str | None = None


@dataclass(frozen=True)
class SourceSection:
    """The data source: where from, requests and reads, the saved copy, the last error."""

    source: str  # the caption naming the source (escaped)
    metrics: tuple[Metric, ...]
    captions: tuple[str, ...]  # the saved copy's time, the last success
    error: str | None  # the last error and when (Markdown); None when there was none
    no_error: str  # said when there was none


@dataclass(frozen=True)
class AccessSection:
    """Who may sign in: open mode, or the providers, the public view and the allow-list."""

    open_mode: str | None  # said when sign-in is off; then nothing else is shown
    providers: str = ""
    public: str = ""
    problems: tuple[str, ...] = ()  # one warning per allow-list entry not used as written
    empty_list: str | None = None  # said when the allow-list is empty
    allow_list: pd.DataFrame | None = None  # address, role (in words); None when empty


@dataclass(frozen=True)
class AdminView:
    """Everything the Administration page shows, section by section."""

    source: SourceSection | Broken
    access: AccessSection | Broken


def build(
    health: Mapping[str, object],
    sign_in: SignIn | None,
    *,
    lang: str,
    source: str,
    now: datetime,
) -> AdminView:
    """The page for ``health`` (``source_health()``) and ``sign_in`` (None: open mode, or no
    readable secrets). ``source`` names the data's source; ``now`` dates the saved copy."""
    return AdminView(
        source=attempt("source", lambda: source_section(health, lang, source, now)),
        access=attempt("access", lambda: access_section(sign_in, lang)),
    )


def _time(health: Mapping[str, object], key: str) -> datetime | None:
    """A moment from the health record, None when absent."""
    value = health.get(key)
    return value if isinstance(value, datetime) else None


def _count(health: Mapping[str, object], key: str) -> int | None:
    """A counter from the health record, None when the source does not count."""
    value = health.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _writes(health: Mapping[str, object], lang: str) -> tuple[Metric, ...]:
    """Check-ins written in the last minute, when the source writes (check-ins on)."""
    writes = _count(health, "writes_per_minute")
    if writes is None:
        return ()
    label = t("auth.admin.writes", lang)
    return (Metric(label, fmt_number(writes, lang), help=t("auth.admin.writes_help", lang)),)


def source_section(
    health: Mapping[str, object], lang: str, source: str, now: datetime
) -> SourceSection:
    """Requests made, reads done, the saved copy's age and the last error, in words."""
    requests = _count(health, "api_requests")
    saved_at = _time(health, "snapshot_saved_at")
    hours = (now - saved_at).total_seconds() / 3600 if saved_at else None
    captions = [
        t("auth.admin.snapshot_at", lang, when=format_time(saved_at, lang))
        if saved_at
        else t("auth.admin.snapshot_none", lang)
    ]
    success_at = _time(health, "last_success_at")
    if success_at:
        captions.append(t("auth.admin.last_success", lang, when=format_time(success_at, lang)))
    error = None
    if health.get("last_error"):
        when = format_time(_time(health, "last_error_at"), lang)
        error = (
            t("auth.admin.last_error", lang, when=when) + " " + for_markdown(health["last_error"])
        )
    return SourceSection(
        source=t("auth.admin.source", lang, source=for_markdown(source)),
        metrics=(
            Metric(
                t("auth.admin.requests", lang),
                "—" if requests is None else fmt_number(requests, lang),
                help=t("auth.admin.requests_help", lang),
            ),
            Metric(
                t("auth.admin.reads", lang),
                fmt_number(_count(health, "refreshes"), lang),
                help=t("auth.admin.reads_help", lang),
            ),
            Metric(
                t("auth.admin.snapshot_age", lang),
                "—"
                if hours is None
                else t("auth.admin.hours", lang, hours=fmt_number(hours, lang, 1)),
            ),
            *_writes(health, lang),
        ),
        captions=tuple(captions),
        error=error,
        no_error=t("auth.admin.no_error", lang),
    )


def role_name(role: str, lang: str) -> str:
    """A role in words; "none" (an address blocked by the allow-list) says so."""
    return t("auth.admin.blocked", lang) if role == "none" else t(f"auth.role.{role}", lang)


def access_section(sign_in: SignIn | None, lang: str) -> AccessSection:
    """Open mode, or the providers (names only), the public view and the allow-list."""
    if sign_in is None:
        return AccessSection(open_mode=t("auth.admin.open_mode", lang))
    names = ", ".join(sign_in.providers) or t("auth.no_provider", lang)
    public = "auth.admin.public_on" if sign_in.public_view else "auth.admin.public_off"
    table = None
    if sign_in.rules:
        table = pd.DataFrame(
            [
                {"address": address, "role": role_name(role, lang)}
                for address, role in sorted(sign_in.rules)
            ]
        )
    return AccessSection(
        open_mode=None,
        providers=t("auth.admin.providers", lang, names=names),
        public=t(public, lang),
        problems=tuple(
            t(f"auth.admin.problem.{code}", lang, number=number)
            for number, code in sign_in.problems
        ),
        empty_list=None if sign_in.rules else t("auth.admin.empty_list", lang),
        allow_list=table,
    )
