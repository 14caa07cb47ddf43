"""The task queue: Huey (SqliteHuey by default, RedisHuey when REDIS_URL is set), and how rooms use it.

- ``@queue.task(...)`` declares a task that code enqueues (at an edge: a view, a signal hook, another
  task); it is a thin call into a function of its room, tested on its own.
- ``queue.periodic(schedule, fn)`` and ``queue.on_start(fn)``, called from a room's ``init_app``, put
  periodic work and start-up work on the schedule: what runs when is read in each room's ``__init__``.
- ``queue.enqueue(task, …)`` queues and never fails the caller: what must survive is in the database,
  and a periodic sweep finds what a lost message left behind.

Tasks run in the worker (``huey_consumer bff.worker.huey``), inside the app it built at start.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path

from flask import Flask, has_app_context
from huey import RedisHuey, SqliteHuey
from huey.api import TaskWrapper

from bff.platform.config import Settings

log = logging.getLogger(__name__)


def make_huey(settings: Settings):
    """RedisHuey when REDIS_URL is set (workers on many machines), else SqliteHuey under instance/."""
    if settings.redis_url:
        return RedisHuey(settings.queue_name, url=settings.redis_url, utc=True)
    path = Path(settings.instance_path)
    path.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(settings.queue_name, filename=str(path / "huey.sqlite3"), utc=True)


# Huey tasks are declared at import time, so the queue is chosen from the environment at import time
# too; the web process and the consumer read the same variables.
huey = make_huey(Settings.from_env(app_env=os.environ.get("APP_ENV") or "development"))

_task_app: Flask | None = None


def run_tasks_in(app: Flask) -> None:
    """The app whose context tasks run in when none is active (the worker's, built once at its start)."""
    global _task_app
    _task_app = app


def app_context(fn):
    """Run ``fn`` in the current app context, or in the worker's app."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return fn(*args, **kwargs)
        if _task_app is None:
            raise RuntimeError("no app to run tasks in: start the worker with huey_consumer bff.worker.huey")
        with _task_app.app_context():
            return fn(*args, **kwargs)

    return wrapper


def task(*, retries: int = 0, retry_delay: int = 0) -> Callable[[Callable], TaskWrapper]:
    """Declare a task that code enqueues; it runs in the app's context."""

    def decorator(fn: Callable) -> TaskWrapper:
        return huey.task(retries=retries, retry_delay=retry_delay)(app_context(fn))

    return decorator


def periodic(schedule, fn: Callable, *, retries: int = 0, retry_delay: int = 0) -> TaskWrapper:
    """Run ``fn`` on ``schedule`` (a huey ``crontab``) in the worker; registered once per process."""
    name = f"{fn.__module__}.{fn.__name__}"
    if name not in _periodic:
        _periodic[name] = huey.periodic_task(schedule, retries=retries, retry_delay=retry_delay)(app_context(fn))
    return _periodic[name]


_periodic: dict[str, TaskWrapper] = {}


def periodic_task(fn: Callable) -> TaskWrapper:
    """The periodic task registered for ``fn`` (to run or enqueue it by hand: tests, commands)."""
    return _periodic[f"{fn.__module__}.{fn.__name__}"]


def on_start(fn: Callable[[], None]) -> None:
    """Run ``fn`` in each worker when it starts (once per name)."""
    huey.on_startup(name=f"{fn.__module__}.{fn.__name__}")(fn)


def enqueue(task_wrapper: TaskWrapper, *args, failure: str | None = None, fields: dict | None = None) -> bool:
    """Queue ``task_wrapper(*args)``; False when the queue cannot be reached, logged as ``failure`` (the
    work is not lost: its state is in the database, and a periodic sweep or round finds it)."""
    try:
        task_wrapper(*args)
        return True
    except Exception as exc:
        log.warning(failure or "could not enqueue a task", extra={"fields": {
            "task": task_wrapper.name, **(fields or {}), "error": type(exc).__name__}})
        return False
