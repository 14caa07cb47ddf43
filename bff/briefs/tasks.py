"""The briefs room's periodic work (scheduled in bff.briefs.init_app): the outbox sweep and the retention of
attachments. The forwarding task itself is declared beside its work, in forwarding.py.

Huey's own retries are off: the retry policy lives in the database (``next_attempt_at``), so it survives
a lost message or a killed worker.
"""

from __future__ import annotations

import logging

from bff.briefs import forwarding, storage

log = logging.getLogger(__name__)


def sweep_pending_briefs() -> int:
    """Every minute: queue each brief whose attempt is due (a lost message, a killed worker, a missed retry)."""
    ids = forwarding.due_brief_ids()
    for brief_id in ids:
        forwarding.forward_brief_to_core(brief_id)
    if ids:
        log.info("queued due briefs", extra={"fields": {"count": len(ids)}})
    return len(ids)


def delete_expired_brief_files() -> dict:
    """Daily (06:00 Tehran): attachments of briefs registered or rejected long enough ago; stray files."""
    result = storage.delete_expired_files()
    log.info("deleted expired brief files", extra={"fields": result})
    return result
