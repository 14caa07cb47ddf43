"""Cases housekeeping: kept copies past their expiry are deleted, not left to pile up."""

from __future__ import annotations

import logging

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)


@huey.periodic_task(crontab(minute="23"), retries=0)
@app_context
def prune_case_snapshots() -> int:
    """Every hour: delete the kept copies of case reads that have expired."""
    from bff.cases.service import prune_expired_snapshots

    pruned = prune_expired_snapshots()
    log.info("pruned expired case copies", extra={"fields": {"pruned": pruned}})
    return pruned
