"""Readiness checks and housekeeping, callable from views, the CLI and tasks alike."""

from __future__ import annotations

import functools
import logging
import os
import socket
import time
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text

from bff.core_client import core
from bff.ops.models import WorkerHeartbeat
from bff.platform import clock
from bff.platform.db import MIGRATIONS_DIR, db
from bff.queue import huey

log = logging.getLogger(__name__)
HEARTBEAT_RETENTION = timedelta(days=1)


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        extra = check() or {}
        result = {"ok": True, **extra}
    except Exception as exc:  # a readiness probe reports every failure instead of raising it
        result = {"ok": False, "error": type(exc).__name__}
        log.warning("readiness check failed", extra={"fields": {"check": getattr(check, "__name__", "?"),
                                                                "error": repr(exc)[:300]}})
    result["ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


@functools.cache
def expected_schema_revision(migrations_dir: str) -> str | None:
    """The head revision of the migrations shipped with this code (read once per process)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", migrations_dir)
    return ScriptDirectory.from_config(config).get_current_head()


def check_database() -> dict:
    """The database answers and its schema is at the head revision of our migrations."""
    current = db.session.scalar(text("SELECT version_num FROM alembic_version"))
    expected = expected_schema_revision(MIGRATIONS_DIR)
    if current != expected:
        raise SchemaOutdated(f"{current} != {expected}")
    return {"revision": current}


class SchemaOutdated(Exception):
    """The database has not been migrated to this code's schema (run `flask db upgrade`)."""


def check_queue() -> dict:
    return {"pending": huey.pending_count()}


def readiness() -> dict[str, dict]:
    """Each dependency the app cannot serve without, with whether it answered and how fast."""
    checks = {"database": _timed(check_database), "queue": _timed(check_queue)}
    if not checks["database"]["ok"]:
        db.session.rollback()
    return checks


def core_state() -> dict:
    """The judiciary core as this process sees it (its circuit breaker), without calling it.

    Reported, not required: with the core down the app still serves offices and kept case copies, so
    a load balancer must not take it out of service for that.
    """
    state = core().state()
    return {"ok": state != "open", "breaker": state}


def last_heartbeat() -> datetime | None:
    return db.session.scalar(select(WorkerHeartbeat.beat_at).order_by(WorkerHeartbeat.beat_at.desc()).limit(1))


def record_heartbeat(now: datetime | None = None) -> int:
    """Note that a worker ran, and prune heartbeats older than a day; returns how many were pruned."""
    now = now or clock.utcnow()
    db.session.add(WorkerHeartbeat(worker=f"{socket.gethostname()}:{os.getpid()}", beat_at=now))
    pruned = db.session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.beat_at < now - HEARTBEAT_RETENTION))
    db.session.commit()
    return pruned.rowcount or 0
