"""The office registry stays current: a daily sync, and one when the worker starts (scheduled in
bff.offices.init_app)."""

from __future__ import annotations

import logging
import threading

from bff import queue
from bff.offices.registry import sync_from_core
from bff.platform.config import Settings

log = logging.getLogger(__name__)


def _sync() -> dict:
    report = sync_from_core()
    log.info("office registry synced", extra={"fields": {"summary": report.summary()}})
    return report.as_dict()


def sync_offices_daily() -> dict:
    """Every day: pull the registry from the core (a cheap 304 when it did not change)."""
    return _sync()


@queue.task(retries=20, retry_delay=15)
def sync_offices() -> dict:
    """Pull the registry now; retried while the core is still starting."""
    return _sync()


_started = threading.Lock()


def sync_offices_on_start() -> None:
    """Once per worker process (not per thread): enqueue a sync, so a fresh database gets its offices."""
    settings = Settings.from_env()
    if not settings.offices_sync_on_start or settings.is_test or not _started.acquire(blocking=False):
        return
    queue.enqueue(sync_offices)
