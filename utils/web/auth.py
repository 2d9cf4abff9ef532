"""Who may see what: the allow-list, the role of a signed-in person, and what each role may see.

Pure Python (and pandas for the public workbook): no Streamlit. ``utils/web/session.py`` reads the
secrets and ``st.user`` and hands them here; everything that decides is here, so it can be
tested without a browser.

The roles, from least to most:

- ``public``: nobody signed in, and the deployer turned the public view on. Only the pages in
  ``PUBLIC_PAGES`` and only the indicators the catalog marks public; no other tab at all.
- ``viewer``: every page with data; not the sheet's problems.
- ``editor``: also Sheet health, "Refresh now" and the template.
- ``admin``: also the source's health (requests, last error, snapshot age).

Without an ``[auth]`` section the app is in *open mode*, as it was before sign-in existed:
nobody can be told apart, so everyone gets every page (the role ``admin``). With ``[auth]`` the
app fails closed: anything it cannot read or recognise gives no data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

import pandas as pd

from utils.sheet.parse import TabStats, Workbook

Role = Literal["public", "viewer", "editor", "admin"]
ROLES: Final[tuple[Role, ...]] = ("public", "viewer", "editor", "admin")
"""Every role, from least to most allowed; each one may do all that the ones before it may."""

LISTED_ROLES: Final[tuple[str, ...]] = ("viewer", "editor", "admin")
"""Roles an allow-list entry may grant."""

BLOCKED: Final = "none"
"""An allow-list value that refuses one address even when its domain is listed."""

Mode = Literal["open", "member", "public", "sign_in", "outsider", "misconfigured"]
"""open: no [auth]; member: signed in and listed; public: the public view; sign_in: must sign in
first; outsider: signed in but not allowed; misconfigured: the settings cannot be read."""

Reason = Literal["", "not_listed", "no_email", "unverified"]

# Page ids are the url paths app.py gives st.Page; a page not named here needs a viewer.
PAGE_MINIMUM: Final[Mapping[str, Role]] = {
    "overview": "viewer",
    "access": "public",
    "votes": "viewer",
    "strategy": "viewer",
    "slideshow": "viewer",
    "sheet-health": "editor",
    "admin": "admin",
}
DEFAULT_PAGE_MINIMUM: Final[Role] = "viewer"

# The same pages by file name, for a page script run on its own (a test, a first deep link).
PAGE_FILES: Final[Mapping[str, str]] = {
    "overview": "overview",
    "program_access": "access",
    "votes": "votes",
    "strategy": "strategy",
    "slideshow": "slideshow",
    "sheet_health": "sheet-health",
    "admin": "admin",
}

# What a role may do besides seeing pages.
ABILITY_MINIMUM: Final[Mapping[str, Role]] = {
    "see_problems": "editor",
    "refresh": "editor",
    "template": "editor",
    "source_health": "admin",
    "check_in": "editor",
}

PUBLIC_TABS: Final = frozenset({"indicators", "catalog"})
"""The only tabs the public view holds, filtered to the public indicators."""

_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN: Final = re.compile(r"^@[^@\s]+\.[^@\s]+$")
_TRUE: Final = frozenset({"true", "yes", "1", "on"})


@dataclass(frozen=True)
class Policy:
    """The access settings, already checked: is sign-in on, the allow-list, the public view."""

    auth_enabled: bool
    rules: Mapping[str, str] = field(default_factory=dict)  # "a@b.kg" or "@b.kg" -> role/"none"
    public_view: bool = False
    providers: tuple[str | None, ...] = ()  # None is the unnamed provider of [auth] itself
    problems: tuple[
        tuple[int, str], ...
    ] = ()  # (entry number, code) of entries not used as written


@dataclass(frozen=True)
class Access:
    """What this visitor may see: the mode, the role (None = no data at all) and who they are."""

    mode: Mode
    role: Role | None
    email: str | None = None
    reason: Reason = ""

    @property
    def sees_data(self) -> bool:
        """True when any data at all may be computed for this visitor."""
        return self.role is not None


# --- Reading the settings ---------------------------------------------------------------------


def normalise_address(text: str) -> str:
    """An e-mail address or @domain as the allow-list compares it: trimmed, lower case."""
    return text.strip().lower()


def parse_allow_list(
    access: Mapping[str, Any],
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """The ``[access]`` entries that name an address or @domain, and (entry number, problem code)
    for each one that was ignored or changed: bad_address, bad_role, twice.

    Keys are e-mail addresses or ``@domain``; values are viewer, editor, admin, or none (refuse
    this address even when its domain is listed). Case and spaces do not matter. When the same
    address is written twice with different roles, the lesser role wins.
    """
    rules: dict[str, str] = {}
    problems: list[tuple[int, str]] = []
    rank = {BLOCKED: -1, **{role: ROLES.index(role) for role in LISTED_ROLES}}
    for index, (key, value) in enumerate(access.items(), start=1):
        if "@" not in str(key):
            continue  # a setting such as public_view, not an entry
        address = normalise_address(str(key))
        role = str(value).strip().lower() if isinstance(value, str) else ""
        if not (_EMAIL.match(address) or _DOMAIN.match(address)):
            problems.append((index, "bad_address"))
            continue
        if role not in rank:
            problems.append((index, "bad_role"))
            continue
        if address in rules and rules[address] != role:
            problems.append((index, "twice"))
            role = min(rules[address], role, key=rank.__getitem__)
        rules[address] = role
    return rules, problems


def is_true(value: object) -> bool:
    """A yes/no setting: only true (or "true", "yes", "1", "on") counts as yes."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def sign_in_providers(auth: Mapping[str, Any]) -> tuple[str | None, ...]:
    """The providers configured in ``[auth]``: None for the unnamed one, then the named ones.

    Only names are returned, never a value, so nothing secret can travel further from here.
    """
    found: list[str | None] = []
    if "client_id" in auth or "server_metadata_url" in auth:
        found.append(None)
    found.extend(
        str(name)
        for name, section in auth.items()
        if isinstance(section, Mapping) and ("client_id" in section)
    )
    return tuple(found)


def read_policy(secrets: Mapping[str, Any]) -> Policy:
    """The access policy from the secrets: ``[auth]`` turns sign-in on, ``[access]`` lists who."""
    auth = secrets.get("auth")
    access = secrets.get("access")
    access = access if isinstance(access, Mapping) else {}
    rules, problems = parse_allow_list(access)
    enabled = isinstance(auth, Mapping) and bool(auth)
    return Policy(
        auth_enabled=enabled,
        rules=rules,
        public_view=is_true(access.get("public_view", False)),
        providers=sign_in_providers(auth) if enabled else (),
        problems=tuple(problems),
    )


# --- Deciding ---------------------------------------------------------------------------------


def role_for(email: str, rules: Mapping[str, str]) -> Role | None:
    """The role of ``email``: its own entry first, else its domain's; None when not allowed."""
    address = normalise_address(email)
    if not _EMAIL.match(address):
        return None
    if address in rules:
        found = rules[address]  # an exact address beats its domain, "none" included
    else:
        found = rules.get("@" + address.rsplit("@", 1)[1], BLOCKED)
    return found if found in LISTED_ROLES else None  # type: ignore[return-value]


def _verified(claims: Mapping[str, Any]) -> bool:
    """False only when the provider says the address is not verified."""
    if "email_verified" not in claims:
        return True  # not every provider sends it (Microsoft does not)
    return is_true(claims["email_verified"])


def decide(policy: Policy, claims: Mapping[str, Any]) -> Access:
    """What a visitor with these identity claims (``st.user``) may see under ``policy``."""
    if not policy.auth_enabled:
        return Access("open", "admin")
    if claims.get("is_logged_in") is not True:
        return Access("public", "public") if policy.public_view else Access("sign_in", None)
    email = claims.get("email")
    if not isinstance(email, str) or not _EMAIL.match(normalise_address(email)):
        return Access("outsider", None, None, "no_email")
    address = normalise_address(email)
    if not _verified(claims):
        return Access("outsider", None, address, "unverified")
    role = role_for(address, policy.rules)
    if role is None:
        return Access("outsider", None, address, "not_listed")
    return Access("member", role, address)


def at_least(role: Role | None, minimum: Role) -> bool:
    """True when ``role`` may do what ``minimum`` may."""
    return role is not None and ROLES.index(role) >= ROLES.index(minimum)


def page_id(url_path_or_file: str) -> str:
    """A page's id from its url path ("sheet-health") or its file name ("sheet_health.py")."""
    name = url_path_or_file.strip("/").rsplit("/", 1)[-1].removesuffix(".py")
    return PAGE_FILES.get(name, name)


def may_see_page(role: Role | None, page: str) -> bool:
    """True when ``role`` may open ``page`` (a url path or a page file name)."""
    return at_least(role, PAGE_MINIMUM.get(page_id(page), DEFAULT_PAGE_MINIMUM))


def may(role: Role | None, ability: str) -> bool:
    """True when ``role`` has ``ability`` (see ``ABILITY_MINIMUM``); unknown abilities: admin."""
    return at_least(role, ABILITY_MINIMUM.get(ability, "admin"))


def may_open_sheet(access: Access, sheet_links: bool = False) -> bool:
    """True when links into the Google Sheet, which carry the spreadsheet's id, may be shown.

    Only to a signed-in editor or admin; in open mode (no ``[auth]``, so anyone with the
    address is "admin") only when the deployer set ``[app] sheet_links = true``.
    """
    if access.mode == "open":
        return sheet_links
    return access.mode == "member" and at_least(access.role, "editor")


def may_check_in(access: Access, enabled: bool, open_mode: bool = False) -> bool:
    """True when this visitor may save check-ins from the meeting to the sheet.

    Never unless the deployer turned check-ins on; then a signed-in editor or admin; in open
    mode (no ``[auth]``, so anyone with the address is "admin") only when the deployer also
    set ``[app] check_ins_open_mode = true``. The public view and viewers never.
    """
    if not enabled:
        return False
    if access.mode == "open":
        return open_mode
    return access.mode == "member" and may(access.role, "check_in")


def may_see_raw_counts(access: Access) -> bool:
    """True when the Sheet health page may quote count cells as typed (a numerator of 7).

    Only signed-in editors and admins, who can read the sheet anyway; in open mode anyone
    with the address would see them, so they read "<10" there (docs/PRIVACY.md).
    """
    return access.mode == "member" and at_least(access.role, "editor")


def pages_for(role: Role | None, pages: Iterable[str]) -> list[str]:
    """The pages of ``pages`` (url paths) that ``role`` may open, in their order."""
    return [page for page in pages if may_see_page(role, page)]


# --- What data a role receives ---------------------------------------------------------------


def public_indicator_ids(catalog: pd.DataFrame) -> set[str]:
    """Ids of the indicators the catalog marks public; an empty or unreadable cell is not."""
    if "public" not in catalog.columns or "id" not in catalog.columns:
        return set()
    try:
        marked = catalog["public"].astype("boolean").fillna(False).astype(bool)
    except (TypeError, ValueError):  # not yes/no values: nothing is public, never guess
        return set()
    return set(catalog.loc[marked, "id"].astype(str))


def public_workbook(workbook: Workbook) -> Workbook:
    """Only the public indicators and their catalog rows; every other tab empty; no problems."""
    ids = public_indicator_ids(workbook["catalog"])
    frames: dict[str, pd.DataFrame] = {}
    stats: dict[str, TabStats] = {}
    for name, frame in workbook.frames.items():
        if name == "catalog":
            kept = frame[frame["id"].astype(str).isin(ids)]
        elif name == "indicators":
            kept = frame[frame["indicator"].astype(str).isin(ids)]
        else:
            kept = frame.iloc[0:0]
        frames[name] = kept.reset_index(drop=True)
        before = workbook.stats.get(name, TabStats(None))
        stats[name] = (
            TabStats(before.title, len(kept), len(kept))
            if name in PUBLIC_TABS
            else TabStats(None, 0, 0)
        )
    return Workbook(frames=frames, problems=(), stats=stats, serial=workbook.serial)


def workbook_for(role: Role, workbook: Workbook) -> Workbook:
    """The part of ``workbook`` that ``role`` may receive; nothing else reaches its pages."""
    if role == "public":
        return public_workbook(workbook)
    if not may(role, "see_problems"):
        return replace(workbook, problems=())
    return workbook
