"""Brief tasks: forward one brief, sweep for due ones every minute, delete old attachments daily.

Thin on purpose: the work is in forwarding.py and service.py. Huey's own retries are off — the retry
policy lives in the database (``next_attempt_at``), so it survives a lost message or a killed worker.
"""

from __future__ import annotations

import logging

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)


@huey.task(retries=0)
@app_context
def forward_brief_to_core(brief_id: str) -> str:
    """One attempt; on an outage the next one is queued with the backoff delay."""
    from bff.briefs import forwarding

    outcome = forwarding.forward(brief_id)
    if outcome.status == "retry" and outcome.retry_in is not None:
        forward_brief_to_core.schedule(args=(brief_id,), delay=outcome.retry_in)
    return outcome.status


@huey.periodic_task(crontab(minute="*"), retries=0)
@app_context
def sweep_pending_briefs() -> int:
    """Every minute: queue each brief whose attempt is due (a lost message, a killed worker, a missed retry)."""
    from bff.briefs import forwarding

    ids = forwarding.due_brief_ids()
    for brief_id in ids:
        forward_brief_to_core(brief_id)
    if ids:
        log.info("queued due briefs", extra={"fields": {"count": len(ids)}})
    return len(ids)


@huey.periodic_task(crontab(hour="2", minute="30"), retries=0)
@app_context
def delete_expired_brief_files() -> dict:
    """Daily (06:00 Tehran): attachments of briefs registered or rejected long enough ago; stray files."""
    from bff.briefs.service import delete_expired_files

    result = delete_expired_files()
    log.info("deleted expired brief files", extra={"fields": result})
    return result
