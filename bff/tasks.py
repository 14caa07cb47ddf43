"""The queue consumer's entry point: ``huey_consumer bff.tasks.huey`` registers every domain's tasks.

Tasks are thin: a decorator with the retry policy, then a call to a service function tested on its own.
Each domain keeps its tasks in ``bff/<domain>/tasks.py``; import it here.
"""

from __future__ import annotations

import logging

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)


@huey.periodic_task(crontab(minute="*"), retries=0)
@app_context
def heartbeat() -> int:
    """Every minute: prove the worker runs (and prune old heartbeats)."""
    from bff.ops.service import record_heartbeat

    pruned = record_heartbeat()
    log.info("heartbeat", extra={"fields": {"pruned": pruned}})
    return pruned


# Every domain's tasks (imported for registration with the consumer).
from bff.auth import tasks as _auth_tasks  # noqa: E402, F401
from bff.briefs import tasks as _briefs_tasks  # noqa: E402, F401
from bff.cases import tasks as _cases_tasks  # noqa: E402, F401
from bff.offices import tasks as _offices_tasks  # noqa: E402, F401
from bff.push import tasks as _push_tasks  # noqa: E402, F401
