"""Operations' periodic work: the worker's heartbeat (scheduled in bff.ops.init_app)."""

from __future__ import annotations

import logging

from bff.ops import service

log = logging.getLogger(__name__)


def heartbeat() -> int:
    """Every minute: prove the worker runs (and prune old heartbeats)."""
    pruned = service.record_heartbeat()
    log.info("heartbeat", extra={"fields": {"pruned": pruned}})
    return pruned
