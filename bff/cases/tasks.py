"""Cases housekeeping (scheduled in bff.cases.init_app): kept copies past their expiry are deleted."""

from __future__ import annotations

import logging

from bff.cases.service import prune_expired_snapshots

log = logging.getLogger(__name__)


def prune_case_snapshots() -> int:
    """Every hour: delete the kept copies of case reads that have expired."""
    pruned = prune_expired_snapshots()
    log.info("pruned expired case copies", extra={"fields": {"pruned": pruned}})
    return pruned
