"""Huey is wired to the app: the periodic heartbeat is registered and a real consumer runs it."""

import os
import subprocess
import sys
import time
from datetime import datetime

import pytest

from bff.ops import service
from bff.ops.tasks import heartbeat as beat_every_minute
from bff.queue import huey, periodic_task
from tests.support import ROOT, TEST_DATABASE_URL


def test_heartbeat_is_a_periodic_task_every_minute(app):
    heartbeat = periodic_task(beat_every_minute)
    periodic = [task.name for task in huey._registry.periodic_tasks]
    assert heartbeat.task_class.__name__ == "heartbeat" and "heartbeat" in periodic
    minutes = [datetime(2026, 1, 1, 10, m) for m in range(60)]
    registered = next(t for t in huey._registry.periodic_tasks if t.name == "heartbeat")
    assert all(registered.validate_datetime(m) for m in minutes)


def test_queue_backend_follows_redis_url():
    expected = "RedisStorage" if os.environ.get("REDIS_URL") else "SqliteStorage"
    assert type(huey.storage).__name__ == expected


@pytest.mark.slow
def test_real_consumer_runs_an_enqueued_task(app):
    heartbeat = periodic_task(beat_every_minute)
    huey.flush()
    with app.app_context():
        assert service.last_heartbeat() is None
    heartbeat()  # enqueues: the web process never runs tasks itself
    env = {**os.environ, "DATABASE_URL": TEST_DATABASE_URL}
    consumer = subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "bff.worker.huey", "-w", "1", "-k", "thread", "-n"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        beat = None
        while time.monotonic() < deadline and beat is None:
            time.sleep(0.3)
            with app.app_context():
                beat = service.last_heartbeat()
                from bff.platform.db import db

                db.session.remove()
        assert beat is not None, consumer.stderr.read1().decode(errors="replace") if consumer.poll() else "no beat"
    finally:
        consumer.terminate()
        consumer.wait(10)


def test_a_worker_whose_first_tasks_start_together_runs_them_all_in_its_one_app(migrated_database, monkeypatch):
    """A thread-type consumer starts several tasks at once (found by the load run: three of them built the
    app together, all but one failed, and the push loop did not run for a minute). The worker builds its
    app once, when it starts, before any task; tasks started together all run in that app."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from flask import current_app

    from bff import queue

    monkeypatch.setenv("DATABASE_URL", TEST_DATABASE_URL)
    from bff import worker

    @queue.app_context
    def task():
        return current_app._get_current_object()

    barrier = threading.Barrier(6)

    def start(_):
        barrier.wait()
        return task()

    with ThreadPoolExecutor(6) as pool:
        apps = list(pool.map(start, range(6)))
    assert all(app is worker.app for app in apps)
