"""Huey tasks: thin wrappers that run a service function inside the app.

The consumer runs ``huey_consumer bff.tasks.huey``; importing this module registers every task.
"""

from __future__ import annotations

import functools
import logging

from flask import current_app, has_app_context
from huey import crontab

from bff.extensions import huey

log = logging.getLogger(__name__)
_app = None


def app_context(fn):
    """Run ``fn`` in the current app context, or in the worker's own app built on first use."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return fn(*args, **kwargs)
        global _app
        if _app is None:
            from bff import create_app

            _app = create_app()
        with _app.app_context():
            return fn(*args, **kwargs)

    return wrapper


@huey.periodic_task(crontab(minute="*"), retries=0)
@app_context
def heartbeat() -> int:
    """Every minute: prove the worker runs, and prune expired rows."""
    from bff.ops.service import record_heartbeat

    pruned = record_heartbeat()
    log.info("heartbeat", extra={"fields": {"pruned": pruned, "app": current_app.name}})
    return pruned
