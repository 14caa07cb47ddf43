"""With a real queue consumer: killed in the middle of forwarding, restarted, and still one brief at the core."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from bff.briefs.models import Brief
from bff.platform.db import db
from bff.queue import huey
from tests.bff.briefs.conftest import submit
from tests.support import ROOT, TEST_DATABASE_URL, make_settings

LEASE_SECONDS = 6
LATENCY_MS = 3000


def consumer(sandbox) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": TEST_DATABASE_URL, "CORE_BASE_URL": sandbox.url,
           "OIDC_ISSUER": sandbox.url, "SECRET_KEY": make_settings().secret_key, "CORE_READ_TIMEOUT": "10",
           "BRIEF_FORWARD_LEASE_SECONDS": str(LEASE_SECONDS), "LOG_JSON": "true"}
    return subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "bff.worker.huey", "-w", "1", "-k", "thread", "-n"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def the_brief(app, brief_id: str) -> Brief:
    with app.app_context():
        brief = db.session.get(Brief, brief_id)
        db.session.expunge(brief)
        db.session.remove()
        return brief


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_a_worker_killed_mid_forward_leaves_exactly_one_registration_at_the_core(signed_in, core_app, sandbox):
    huey.flush()
    sandbox.set_faults(latency_ms=LATENCY_MS)  # the core takes 3 s: the call is in flight for a while
    brief_id = submit(signed_in()).get_json()["id"]  # queues its forwarding
    worker = consumer(sandbox)
    try:
        wait_for(lambda: the_brief(core_app, brief_id).lease_until is not None, 30, "the worker to take the brief")
        time.sleep(0.5)
        assert sandbox.briefs() == []  # still in flight
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    # The core finishes the call nobody is waiting for any more: registered there, not known here.
    wait_for(lambda: len(sandbox.briefs()) == 1, 10, "the core to register the orphaned call")
    assert the_brief(core_app, brief_id).status == "forwarding"
    sandbox.set_faults(latency_ms=0)

    worker = consumer(sandbox)
    try:
        lease_until = the_brief(core_app, brief_id).lease_until
        wait_for(lambda: time.time() > lease_until.timestamp(), LEASE_SECONDS + 5, "the dead worker's lease")
        from bff.briefs.tasks import sweep_pending_briefs
        from bff.queue import periodic_task

        periodic_task(sweep_pending_briefs)()  # what the periodic sweep does every minute (queued for the worker)
        brief = wait_for(lambda: (b := the_brief(core_app, brief_id)).status == "registered" and b, 30,
                         "the restarted worker to register the brief")
    finally:
        worker.terminate()
        worker.wait(10)
        huey.flush()
    at_core = sandbox.briefs()
    assert len(at_core) == 1
    assert brief.core_tracking_code == at_core[0]["tracking_code"]
    assert at_core[0]["idempotency_key"] == brief.idempotency_key
