"""Auth housekeeping (scheduled in bff.auth.init_app): expired sessions and grants are deleted, not left to pile up."""

from __future__ import annotations

import logging

from bff.auth.grants import prune_expired_grants
from bff.auth.session_store import prune_expired_sessions

log = logging.getLogger(__name__)


def prune_expired_sign_ins() -> dict:
    """Every quarter hour: sessions and token grants past their expiry."""
    pruned = {"sessions": prune_expired_sessions(), "grants": prune_expired_grants()}
    log.info("pruned expired sign-ins", extra={"fields": pruned})
    return pruned
