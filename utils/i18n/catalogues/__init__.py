"""Message catalogues, one module per area of the app; ``utils.i18n`` merges them."""

from utils.i18n.catalogues import (
    access,
    auth,
    common,
    health,
    overview,
    present,
    source,
    strategy,
    votes,
)

CATALOGUES = (
    common.MESSAGES,
    overview.MESSAGES,
    access.MESSAGES,
    votes.MESSAGES,
    strategy.MESSAGES,
    health.MESSAGES,
    auth.MESSAGES,
    present.MESSAGES,
    source.MESSAGES,
)
