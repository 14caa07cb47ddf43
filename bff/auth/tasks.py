"""Auth housekeeping: expired sessions and token grants are deleted, not left to pile up."""

from __future__ import annotations

import logging

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)


@huey.periodic_task(crontab(minute="*/15"), retries=0)
@app_context
def prune_expired_sign_ins() -> dict:
    from bff.auth.grants import prune_expired_grants
    from bff.auth.session_store import prune_expired_sessions

    pruned = {"sessions": prune_expired_sessions(), "grants": prune_expired_grants()}
    log.info("pruned expired sign-ins", extra={"fields": pruned})
    return pruned
