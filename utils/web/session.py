"""The Streamlit side of access control: read the secrets and ``st.user``, show the doors.

Every decision is made by ``utils.web.auth``; this module only reads what Streamlit knows about
the visitor, renders the sign-in, "ask your coordinator" and sign-out widgets, and stops a
page before any data are read for someone who may not see them. Nothing secret is ever put in
an element or a log line here: only the names of the sign-in providers leave the secrets.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from utils.i18n import t
from utils.store.load import Loaded
from utils.store.settings import any_file_present
from utils.web import auth, cache
from utils.web.auth import Access, Policy, Role

log = logging.getLogger("united_voices.session")

PROVIDER_NAMES = {"google": "Google", "microsoft": "Microsoft", "okta": "Okta", "auth0": "Auth0"}


def _secrets() -> tuple[Mapping[str, Any], bool]:
    """The secrets and whether they could be read (no file at all counts as readable)."""
    try:
        return st.secrets.to_dict(), True
    except Exception:  # no secrets.toml, or one that cannot be parsed
        files = st.get_option("secrets.files") or []
        present = any_file_present(files)
        if present:  # never log the error text: it may quote the file
            log.error("a secrets file exists but cannot be read; showing no data")
        return {}, not present


def policy() -> Policy | None:
    """The access policy from the secrets, or None when the secrets file cannot be read."""
    secrets, readable = _secrets()
    if not readable:
        return None
    found = auth.read_policy(secrets)
    for number, code in found.problems:
        log.warning("allow-list entry %d of [access] not used as written: %s", number, code)
    if not found.auth_enabled and found.rules:
        log.warning("[access] lists addresses but [auth] is missing: running in open mode")
    return found


def _claims() -> Mapping[str, Any]:
    """What the sign-in provider said about this visitor (``st.user``), empty when unknown."""
    try:
        return dict(st.user.to_dict())
    except Exception:  # outside a script run, or a Streamlit without st.user
        return {}


def current() -> Access:
    """Who this visitor is and what they may see, decided afresh on every run."""
    found = policy()
    if found is None:
        return Access("misconfigured", None)
    return auth.decide(found, _claims())


def may(ability: str) -> bool:
    """True when this visitor has ``ability`` (see ``utils.web.auth.ABILITY_MINIMUM``)."""
    return auth.may(current().role, ability)


def may_open_sheet(sheet_links: bool) -> bool:
    """True when this visitor may be given links into the sheet (see ``auth.may_open_sheet``)."""
    return auth.may_open_sheet(current(), sheet_links)


def may_see_raw_counts() -> bool:
    """True when this visitor may read count cells as typed (see ``auth.may_see_raw_counts``)."""
    return auth.may_see_raw_counts(current())


def _current_page() -> str | None:
    """The id of the page script now running (a url path such as "sheet-health")."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    try:  # Streamlit's page registry (pinned 1.67); the data are cut by role whatever happens
        manager = ctx.pages_manager
        info = manager.get_pages().get(manager.current_page_script_hash) or {}
        # By file, not url path: the default page's url path is empty. A page run on its own
        # (a test, a first deep link before app.py ran) is the main script.
        script = info.get("script_path") or manager.main_script_path
        return auth.page_id(Path(str(script)).name)
    except AttributeError:
        log.warning("the running page could not be identified; relying on the data cut by role")
        return None


# --- Widgets ------------------------------------------------------------------------------------


def provider_name(provider: str | None) -> str:
    """A provider's name as people know it ("google" -> "Google"); OpenID Connect when unnamed."""
    if provider is None:
        return "OpenID Connect"
    return PROVIDER_NAMES.get(provider.lower(), provider.replace("-", " ").title())


def provider_label(provider: str | None, lang: str) -> str:
    """The sign-in button's words for one provider."""
    if provider is None:
        return t("auth.sign_in", lang)
    return t("auth.sign_in_with", lang, provider=provider_name(provider))


def _sign_in(provider: str | None, lang: str) -> None:
    """Start the provider's sign-in; a broken setup gives a plain message, details in the log."""
    try:
        if provider is None:
            st.login()
        else:
            st.login(provider)
    except StreamlitAuthError as err:
        # Streamlit's messages name missing keys, never their values.
        log.error("sign-in could not start (%s): %s", type(err).__name__, err)
        st.error(t("auth.sign_in_failed", lang), icon=":material/key_off:")


def sign_in_buttons(providers: Sequence[str | None], lang: str, *, where: Any = st) -> None:
    """One sign-in button per configured provider."""
    if not providers:
        where.warning(t("auth.no_provider", lang), icon=":material/key_off:")
        return
    for provider in providers:
        key = f"auth_sign_in_{provider or 'default'}"
        if where.button(provider_label(provider, lang), key=key, icon=":material/login:"):
            _sign_in(provider, lang)


def sign_out_button(lang: str, *, where: Any = st) -> None:
    """Sign out: Streamlit forgets the identity cookie and starts a new session."""
    if where.button(t("auth.sign_out", lang), key="auth_sign_out", icon=":material/logout:"):
        st.logout()
        st.stop()  # nothing more is drawn for the identity that has just left


def mode_line(access: Access, lang: str) -> str:
    """One sentence saying which mode the dashboard is in, for the sidebar of every page."""
    if access.mode == "open":
        return t("auth.mode.open", lang)
    if access.mode == "public":
        return t("auth.mode.public", lang)
    if access.mode == "member" and access.role is not None:
        return t(
            "auth.mode.member", lang, email=access.email, role=t(f"auth.role.{access.role}", lang)
        )
    return ""


def sidebar(access: Access, lang: str) -> None:
    """The mode, who is signed in, and the sign-in or sign-out button, in the sidebar."""
    line = mode_line(access, lang)
    if line:
        st.sidebar.caption(line)
    if access.mode == "member":
        sign_out_button(lang, where=st.sidebar)
    elif access.mode == "public":
        found = policy()
        sign_in_buttons(found.providers if found else (), lang, where=st.sidebar)


def closed_door(access: Access, lang: str) -> None:
    """The page for someone who may see no data: sign in, or ask the coordinator."""
    st.title(t("auth.door.title", lang))
    if access.mode == "misconfigured":
        st.error(t("auth.misconfigured", lang), icon=":material/settings_alert:")
    elif access.mode == "sign_in":
        st.markdown(t("auth.door.intro", lang))
        found = policy()
        sign_in_buttons(found.providers if found else (), lang)
        st.caption(t("auth.door.privacy", lang))
    else:
        st.subheader(t("auth.outsider.title", lang))
        st.info(t(f"auth.outsider.{access.reason or 'not_listed'}", lang), icon=":material/lock:")
        if access.email:
            st.caption(t("auth.outsider.address", lang))
            st.text(access.email)  # st.text never interprets what the provider sent
        sign_out_button(lang)


def door_page(access: Access, lang: str) -> st.Page:
    """The closed door as the only page of the navigation, so no page name is listed."""

    def welcome() -> None:
        closed_door(access, lang)

    return st.Page(welcome, title=t("auth.door.title", lang), url_path="welcome", default=True)


def allowed_pages(pages: Sequence[st.Page], access: Access) -> list[st.Page]:
    """The pages of the navigation this visitor may open, in their order."""
    return [page for page in pages if auth.may_see_page(access.role, page.url_path)]


# --- Guards for page scripts --------------------------------------------------------------------


def admit(lang: str) -> Access:
    """Stop the page before any data are read unless this visitor may open it."""
    access = current()
    if not access.sees_data:
        closed_door(access, lang)
        st.stop()
    page = _current_page()
    if page is not None and not auth.may_see_page(access.role, page):
        st.warning(t("auth.denied", lang), icon=":material/lock:")
        st.stop()
    return access


def require_role(minimum: Role, lang: str) -> Access:
    """Stop the page unless this visitor has at least ``minimum``; for a page's first line."""
    access = admit(lang)
    if not auth.at_least(access.role, minimum):
        st.warning(t("auth.denied", lang), icon=":material/lock:")
        st.stop()
    return access


def visible_data(loaded: Loaded, access: Access) -> Loaded:
    """The loaded data cut down to what ``access`` may receive (see ``auth.workbook_for``)."""
    if access.role is None:
        return dataclasses.replace(loaded, workbook=None)
    if loaded.workbook is None:
        return loaded
    return dataclasses.replace(loaded, workbook=cache.workbook_for(access.role, loaded.workbook))
