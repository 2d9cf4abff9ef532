"""United Voices: page config, theme, language, the shared sidebar and navigation. Nothing else."""

from __future__ import annotations

import logging

import streamlit as st

from utils.i18n import t
from utils.web import session
from utils.web.ui import PRESENT_KEY, language_picker, presenter_mode

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

# No page_icon: a Material icon favicon is fetched from Google's font servers, and nothing may be
# sent to third parties; Streamlit's own favicon is served by this server.
st.set_page_config(page_title="United Voices", layout="wide")

lang = language_picker()
st.sidebar.toggle(
    t("nav.presenter", lang),
    key=PRESENT_KEY,
    bind="query-params",
    help=t("nav.presenter_help", lang),
)

# Who is this and what may they see: decided before any page, and so any data, is chosen.
access = session.current()
session.sidebar(access, lang)

# Pages carry no icon: the browser tab's favicon follows the page icon, and Material icons as
# favicons are fetched from Google's servers. URL paths are the file names, so a shared link also
# works on a fresh server, before app.py has run once (see docs/ARCHITECTURE.md).
PAGES = [
    st.Page(
        "pages/overview.py",
        title=t("nav.overview", lang),
        default=True,  # served at "/"
    ),
    st.Page(
        "pages/program_access.py",
        title=t("nav.access", lang),
        url_path="program_access",
    ),
    st.Page(
        "pages/votes.py",
        title=t("nav.votes", lang),
        url_path="votes",
    ),
    st.Page(
        "pages/strategy.py",
        title=t("nav.strategy", lang),
        url_path="strategy",
    ),
    st.Page(
        "pages/monitoring.py",
        title=t("nav.monitoring", lang),
        url_path="monitoring",
    ),
    st.Page(
        "pages/sheet_health.py",
        title=t("nav.health", lang),
        url_path="sheet_health",
    ),
    st.Page("pages/slideshow.py", title=t("nav.slideshow", lang), url_path="slideshow"),
    st.Page(
        "pages/admin.py",
        title=t("auth.nav.admin", lang),
        url_path="admin",
    ),
]

# Only the pages of this visitor's role are listed (each page checks the role again itself);
# someone who may see no data gets the sign-in or "ask your coordinator" page alone.
if access.sees_data:
    page = st.navigation(
        session.allowed_pages(PAGES, access),
        position="hidden" if presenter_mode() else "sidebar",
    )
else:
    page = st.navigation([session.door_page(access, lang)], position="hidden")
page.run()
