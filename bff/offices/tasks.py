"""The office registry stays current: a daily sync, and one when the worker starts."""

from __future__ import annotations

import logging
import threading

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)


def _sync() -> dict:
    from bff.offices.registry import sync_from_core

    report = sync_from_core()
    log.info("office registry synced", extra={"fields": {"summary": report.summary()}})
    return report.as_dict()


# 00:00 UTC is 03:30 in Tehran: the quietest hour. Retried (5xx, timeouts) for an hour, then tomorrow.
@huey.periodic_task(crontab(minute="0", hour="0"), retries=6, retry_delay=600)
@app_context
def sync_offices_daily() -> dict:
    """Every day: pull the registry from the core (a cheap 304 when it did not change)."""
    return _sync()


@huey.task(retries=20, retry_delay=15)
@app_context
def sync_offices() -> dict:
    """Pull the registry now; retried while the core is still starting."""
    return _sync()


_started = threading.Lock()


@huey.on_startup()
def sync_offices_on_start() -> None:
    """Once per worker process (not per thread): enqueue a sync, so a fresh database gets its offices."""
    from bff.config import Settings

    settings = Settings.from_env()
    if not settings.offices_sync_on_start or settings.is_test or not _started.acquire(blocking=False):
        return
    sync_offices()
