"""Push with a real queue worker: a notice in the core reaches the devices; a killed worker never doubles."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bff.platform.db import db
from bff.platform.leases import Lease
from bff.push import feed
from bff.push.models import DELIVERED, Delivery
from bff.push.outbox import notify
from bff.push.tasks import deliver_soon
from bff.queue import huey
from tests.bff.push.conftest import subscribe
from tests.bff.push.test_delivery import A, add_device
from tests.support import ROOT, TEST_DATABASE_URL

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def consumer(*, periodic: bool, log_path, **env):
    """A real Huey consumer of this test run's queue and database (the worker process of production)."""
    args = [sys.executable, "-m", "huey.bin.huey_consumer", "bff.worker.huey", "-w", "2", "-k", "thread"]
    if not periodic:
        args.append("-n")
    environment = {**os.environ, "DATABASE_URL": TEST_DATABASE_URL, "PUSH_POLL_INTERVAL": "0.3", **env}
    with open(log_path, "ab") as log:
        process = subprocess.Popen(args, cwd=ROOT, env=environment, stdout=log, stderr=log)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def wait_until(predicate, timeout: float, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return predicate()


def test_a_notice_issued_in_the_core_reaches_each_device_of_its_citizen_within_seconds(
        core_app, signed_in, sandbox, citizens, push_service, tmp_path):
    citizen, other = citizens[0], next(c for c in citizens[1:] if c["sub"] != citizens[0]["sub"])
    phone, laptop, theirs = push_service.subscription(), push_service.subscription(), push_service.subscription()
    mine = signed_in(citizen)
    for device in (phone, laptop):
        assert subscribe(mine, device).status_code == 200
    assert subscribe(signed_in(other), theirs).status_code == 200
    with core_app.app_context():
        feed.poll_once()  # the cursor starts at the head now, as a first deployment would
        db.session.remove()
    huey.flush()

    env = {"CORE_BASE_URL": sandbox.url, "OIDC_ISSUER": sandbox.url}
    with consumer(periodic=True, log_path=tmp_path / "worker.log", **env):
        def pump_running() -> bool:
            with core_app.app_context():
                try:
                    return db.session.get(Lease, "pump") is not None
                finally:
                    db.session.remove()

        assert wait_until(pump_running, 30), (tmp_path / "worker.log").read_text()[-3000:]
        issued_at = time.monotonic()
        response = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                                            "type": "summons", "title": "احضار به دادگاه"})
        assert response.status_code == 201
        notice = response.json()
        arrivals = [push_service.wait_for(device, 1, timeout=15) for device in (phone, laptop)]
        latency = time.monotonic() - issued_at
        time.sleep(1.0)

    for received in arrivals:
        assert len(received) == 1, (tmp_path / "worker.log").read_text()[-3000:]
        assert received[0].payload["url"] == f"/notices/{notice['id']}"
        assert received[0].payload["type"] == "notice_issued"
    assert latency < 10, f"the push took {latency:.1f} s"
    assert push_service.received(theirs) == []
    assert push_service.rejections == []


def test_a_worker_killed_mid_delivery_leads_to_exactly_one_delivery_after_restart(
        app, db_context, push_service, clock, tmp_path):
    clock.set(datetime.now(UTC))
    held, other = add_device(push_service, A, clock), add_device(push_service, A, clock)
    push_service.respond(held, 201, hold=3.0)  # the push service is slow to answer the first one
    notify(sub=A, topic="notice", kind="notice_issued", dedupe_key="notice:a:n-1",
           params={"notice_id": "n-1", "type": "summons", "title": "t", "number": "1"}, url="/notices/n-1",
           expires_at=clock() + timedelta(days=1), topic_key="n-n-1")
    db.session.commit()
    huey.flush()
    env = {"PUSH_TIMEOUT": "5", "PUSH_FEED_ENABLED": "false"}

    with consumer(periodic=False, log_path=tmp_path / "first.log", **env) as first:
        deliver_soon()
        assert push_service.wait_for_attempts(held, 1, timeout=30) == 1, (tmp_path / "first.log").read_text()[-3000:]
        first.kill()  # SIGKILL while the push service holds the request
        first.wait(5)
    assert wait_until(lambda: held.endpoint in push_service.abandoned, 10)
    assert push_service.received(held) == []

    with consumer(periodic=False, log_path=tmp_path / "second.log", **env):
        def both_arrived():
            deliver_soon()  # until the dead worker's lease lapses, there is nothing to claim
            return push_service.received(held) and push_service.received(other)

        assert wait_until(both_arrived, 40, every=1.0), (tmp_path / "second.log").read_text()[-3000:]
        for _ in range(3):
            deliver_soon()
        time.sleep(2.0)

    assert len(push_service.received(held)) == 1 and len(push_service.received(other)) == 1
    db.session.expire_all()
    rows = db.session.scalars(select(Delivery).order_by(Delivery.id)).all()
    assert [row.status for row in rows] == [DELIVERED, DELIVERED]
    assert rows[0].attempts == 2
