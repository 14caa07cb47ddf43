"""Forwarding to the core: registered exactly once, whatever fails on the way, and never given up on."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bff.briefs import forwarding
from bff.briefs.models import Brief
from bff.core_client import CoreRejected, CoreUnavailable
from bff.platform.db import db
from bff.platform.signals import brief_status_changed
from tests.bff.briefs.conftest import OPEN_CASE, brief_rows, make_image, make_pdf, submit
from tests.support import csrf_headers


def forward_due(app, now: datetime | None = None) -> list[str]:
    with app.app_context():
        outcomes = [forwarding.forward(brief_id, now).status for brief_id in forwarding.due_brief_ids(now)]
        db.session.remove()
    return outcomes


def core_briefs_for(sandbox, rows) -> list[dict]:
    keys = {row.idempotency_key for row in rows}
    return [b for b in sandbox.briefs() if b["idempotency_key"] in keys]


def wait_for_breaker(app) -> None:
    """The breaker opened while the core was down; it lets a call through after its reset time."""
    breaker = app.extensions["core"].breaker
    deadline = time.monotonic() + 5
    while breaker.current_state == "open" and time.monotonic() < deadline:
        time.sleep(0.1)


def test_a_brief_is_registered_at_the_core_with_its_key_text_and_file_hashes(signed_in, core_app, sandbox, citizens):
    client = signed_in()
    body = submit(client, files=[("a.pdf", make_pdf(2), "application/pdf"),
                                 ("b.png", make_image("PNG"), "image/png")]).get_json()
    assert forward_due(core_app) == ["registered"]
    [row] = brief_rows(core_app)
    [at_core] = sandbox.briefs()
    assert row.status == "registered" and row.registered_at is not None
    assert row.core_tracking_code == at_core["tracking_code"] and row.core_brief_id == at_core["id"]
    assert at_core["idempotency_key"] == row.idempotency_key and at_core["person"] == citizens[0]["sub"]
    assert at_core["case_id"] == OPEN_CASE and at_core["text_sha256"] == row.text_sha256
    assert [f["sha256"] for f in at_core["files"]] == [f.sha256 for f in row.files]
    assert [f["name"] for f in at_core["files"]] == ["a.pdf", "b.png"]
    detail = client.get(f"/api/v1/briefs/{body['id']}").get_json()
    assert detail["status"] == "registered" and detail["core_tracking_code"] == at_core["tracking_code"]
    receipt = client.get(f"/api/v1/briefs/{body['id']}/receipt").get_data(as_text=True)
    assert at_core["tracking_code"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in receipt


def test_nothing_is_due_after_registration_and_a_second_send_changes_nothing(signed_in, core_app, sandbox):
    submit(signed_in())
    forward_due(core_app)
    assert forward_due(core_app) == []
    [row] = brief_rows(core_app)
    # As if the core's answer had been lost: the brief goes out again with the same key.
    with core_app.app_context():
        db.session.execute(update(Brief).values(status="forwarding", next_attempt_at=datetime.now(UTC),
                                                core_tracking_code=None))
        db.session.commit()
    assert forward_due(core_app) == ["registered"]
    assert len(sandbox.briefs()) == 1
    assert brief_rows(core_app)[0].core_tracking_code == row.core_tracking_code


def test_the_core_down_for_the_whole_window_then_every_brief_registered_once(signed_in, core_app, sandbox):
    client = signed_in()
    accepted = [submit(client, text=f"لایحهٔ شمارهٔ {i}").status_code for i in range(5)]
    assert accepted == [202] * 5
    sandbox.set_faults(down=True)
    now = datetime.now(UTC)
    for hour in range(3):  # three rounds of attempts, an hour apart: every one fails
        assert set(forward_due(core_app, now + timedelta(hours=hour))) == {"retry"}
    rows = brief_rows(core_app)
    assert all(r.status == "forwarding" and r.attempts == 3 and r.last_error for r in rows)
    assert all(r.next_attempt_at > datetime.now(UTC) for r in rows)
    assert core_briefs_for(sandbox, rows) == []

    sandbox.set_faults(down=False)
    wait_for_breaker(core_app)
    assert forward_due(core_app, now + timedelta(hours=4)) == ["registered"] * 5
    rows = brief_rows(core_app)
    at_core = core_briefs_for(sandbox, rows)
    assert len(at_core) == len(rows) == accepted.count(202)
    assert sorted(b["idempotency_key"] for b in at_core) == sorted(r.idempotency_key for r in rows)
    assert {r.core_tracking_code for r in rows} == {b["tracking_code"] for b in at_core}


def test_a_call_that_timed_out_after_the_core_registered_it_is_not_a_duplicate(signed_in, core_app, sandbox):
    submit(signed_in())
    sandbox.set_faults(latency_ms=2300)  # longer than the BFF's read timeout (2 s): the answer is lost
    assert forward_due(core_app) == ["retry"]
    assert len(sandbox.briefs()) == 1  # the core did register it
    sandbox.set_faults(latency_ms=0)
    wait_for_breaker(core_app)
    assert forward_due(core_app, datetime.now(UTC) + timedelta(hours=1)) == ["registered"]
    assert len(sandbox.briefs()) == 1
    assert brief_rows(core_app)[0].core_tracking_code == sandbox.briefs()[0]["tracking_code"]


def test_a_case_closed_before_forwarding_marks_the_brief_rejected_with_the_reason(signed_in, core_app, sandbox):
    client = signed_in()
    body = submit(client).get_json()
    sandbox.control("POST", f"cases/{OPEN_CASE}/status", json={"status": "closed"}).raise_for_status()
    assert forward_due(core_app) == ["rejected"]
    [row] = brief_rows(core_app)
    assert row.status == "rejected" and row.rejection_code == "case_closed" and row.rejected_at
    assert forward_due(core_app, datetime.now(UTC) + timedelta(days=1)) == []  # a refusal is final
    detail = client.get(f"/api/v1/briefs/{body['id']}").get_json()
    assert detail["rejection"]["code"] == "case_closed"
    receipt = client.get(f"/api/v1/briefs/{body['id']}/receipt").get_data(as_text=True)
    assert "پرونده مختومه است" in receipt


@pytest.mark.parametrize("status", [408, 429])
def test_a_refusal_that_means_later_is_retried(signed_in, core_app, monkeypatch, status):
    submit(signed_in())

    def refuse(*args, **kwargs):
        raise CoreRejected(status, "slow_down")

    monkeypatch.setattr(core_app.extensions["core"].briefs, "submit", refuse)
    assert forward_due(core_app) == ["retry"]
    assert brief_rows(core_app)[0].status == "forwarding"


def test_a_refusal_by_the_core_is_final(signed_in, core_app, monkeypatch):
    submit(signed_in())

    def refuse(*args, **kwargs):
        raise CoreRejected(403, "not_a_party", "شما از اصحاب این پرونده نیستید.")

    monkeypatch.setattr(core_app.extensions["core"].briefs, "submit", refuse)
    assert forward_due(core_app) == ["rejected"]
    [row] = brief_rows(core_app)
    assert (row.status, row.rejection_code, row.rejection_reason) == ("rejected", "not_a_party",
                                                                     "شما از اصحاب این پرونده نیستید.")


def test_an_unexpected_error_never_loses_the_brief(signed_in, core_app, monkeypatch):
    submit(signed_in())

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(forwarding, "_send", broken)
    assert forward_due(core_app) == ["retry"]
    [row] = brief_rows(core_app)
    assert row.status == "forwarding" and row.next_attempt_at is not None and "RuntimeError" in row.last_error


def test_the_core_asking_to_wait_is_honoured(signed_in, core_app, monkeypatch):
    submit(signed_in())

    def unavailable(*args, **kwargs):
        raise CoreUnavailable("maintenance", retry_after=600)

    monkeypatch.setattr(core_app.extensions["core"].briefs, "submit", unavailable)
    before = datetime.now(UTC)
    assert forward_due(core_app) == ["retry"]
    assert brief_rows(core_app)[0].next_attempt_at >= before + timedelta(seconds=599)


def test_a_brief_leased_by_another_worker_waits_for_the_lease_to_end(signed_in, core_app, sandbox):
    submit(signed_in())
    [row] = brief_rows(core_app)
    now = datetime.now(UTC)
    with core_app.app_context():
        assert forwarding.claim(row.id, now) is not None  # a worker took it, then died
        assert forwarding.claim(row.id, now) is None
        assert forwarding.due_brief_ids(now) == []
        db.session.remove()
    assert forward_due(core_app, now + timedelta(seconds=60)) == []
    lease = core_app.extensions["settings"].brief_forward_lease_seconds
    assert forward_due(core_app, now + timedelta(seconds=lease + 1)) == ["registered"]
    assert len(sandbox.briefs()) == 1


def test_retries_back_off_doubling_up_to_the_cap(core_app):
    with core_app.app_context():
        settings = core_app.extensions["settings"]
        delays = [forwarding.backoff(n) for n in range(1, 12)]
    assert settings.brief_retry_base_seconds * 0.8 <= delays[0] <= settings.brief_retry_base_seconds
    assert 3.2 * settings.brief_retry_base_seconds <= delays[2] <= 4 * settings.brief_retry_base_seconds
    assert all(d <= settings.brief_retry_cap_seconds for d in delays)
    assert delays[-1] >= 0.8 * settings.brief_retry_cap_seconds


def expire_grants(app) -> None:
    from bff.auth.models import AuthGrant

    with app.app_context():
        db.session.execute(update(AuthGrant).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        db.session.commit()
        db.session.remove()


def test_without_a_usable_sign_in_the_brief_waits_then_goes_when_the_citizen_signs_in(
        signed_in, core_app, sandbox, citizens):
    client = signed_in()
    body = submit(client).get_json()
    expire_grants(core_app)
    assert forward_due(core_app) == ["awaiting_sign_in"]
    [row] = brief_rows(core_app)
    assert row.status == "received" and row.awaiting_sign_in and row.next_attempt_at is None and row.attempts == 0
    assert forward_due(core_app, datetime.now(UTC) + timedelta(days=1)) == []  # not retried in vain
    assert sandbox.briefs() == []

    again = signed_in(citizens[0])  # signing in queues the waiting brief and makes it due
    [row] = brief_rows(core_app)
    assert not row.awaiting_sign_in and row.next_attempt_at is not None
    assert forward_due(core_app) == ["registered"]
    assert again.get(f"/api/v1/briefs/{body['id']}").get_json()["status"] == "registered"
    assert len(sandbox.briefs()) == 1


def test_the_api_tells_the_citizen_a_brief_waits_for_sign_in(signed_in, core_app):
    client = signed_in()
    body = submit(client).get_json()
    expire_grants(core_app)
    forward_due(core_app)
    with core_app.app_context():  # the session outlived the grant in this test; read the row directly
        from bff.briefs.schemas import BriefSummarySchema

        dumped = BriefSummarySchema().dump(db.session.get(Brief, body["id"]))
        db.session.remove()
    assert dumped["awaiting_sign_in"] is True and dumped["status"] == "received"


def test_signing_out_forwards_pending_briefs_before_the_tokens_are_gone(signed_in, core_app, sandbox):
    client = signed_in()
    submit(client)
    response = client.post("/auth/logout", headers=csrf_headers(client))
    assert response.status_code == 200
    [row] = brief_rows(core_app)
    assert row.status == "registered"
    assert len(sandbox.briefs()) == 1


def test_signing_out_works_when_the_core_is_down_and_the_brief_waits(signed_in, core_app, sandbox):
    client = signed_in()
    submit(client)
    sandbox.set_faults(down=True)
    assert client.post("/auth/logout", headers=csrf_headers(client)).status_code == 200
    [row] = brief_rows(core_app)
    assert row.status in ("received", "forwarding")
    assert forward_due(core_app, datetime.now(UTC) + timedelta(hours=1)) == ["awaiting_sign_in"]


def test_every_status_change_is_signalled_inside_its_transaction(signed_in, core_app):
    seen = []

    def receiver(app, **fields):
        with db.engine.connect() as other:
            committed = other.execute(db.select(Brief.status).where(Brief.id == fields["brief_id"])).scalar()
        seen.append((fields["status"], db.session().in_transaction(), committed, fields["tracking_code"],
                     fields["case_id"]))

    brief_status_changed.connect(receiver)
    try:
        body = submit(signed_in()).get_json()
        forward_due(core_app)
    finally:
        brief_status_changed.disconnect(receiver)
    code = body["tracking_code"]
    # Each receiver ran before its change was committed (another connection still saw the old state).
    assert seen == [("received", True, None, code, OPEN_CASE), ("registered", True, "forwarding", code, OPEN_CASE)]


def test_the_sweep_queues_every_due_brief(signed_in, core_app):
    from bff.briefs.tasks import sweep_pending_briefs
    from bff.queue import huey, periodic_task

    client = signed_in()
    ids = {submit(client).get_json()["id"] for _ in range(3)}
    huey.flush()  # as if the messages queued at submission were lost
    with core_app.app_context():
        assert periodic_task(sweep_pending_briefs).call_local() == 3
    queued = {task.args[0] for task in huey.pending() if task.name.endswith("forward_brief_to_core")}
    assert queued == ids
    huey.flush()


def test_the_task_queues_its_own_retry_with_the_backoff_delay(signed_in, core_app, sandbox):
    from bff.briefs.forwarding import forward_brief_to_core
    from bff.queue import huey

    body = submit(signed_in()).get_json()
    huey.flush()
    sandbox.set_faults(down=True)
    with core_app.app_context():
        assert forward_brief_to_core.call_local(body["id"]) == "retry"
    [retry] = [task for task in huey.pending() if task.name.endswith("forward_brief_to_core")]
    assert retry.args == (body["id"],) and retry.eta is not None
    assert retry.eta > datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=5)
    huey.flush()


def test_the_brief_tasks_are_registered_with_the_consumer():
    import bff.worker  # noqa: F401  (what the consumer imports)
    from bff.queue import huey

    periodic = {task.name for task in huey._registry.periodic_tasks}
    assert {"sweep_pending_briefs", "delete_expired_brief_files"} <= periodic
    sweep = next(t for t in huey._registry.periodic_tasks if t.name == "sweep_pending_briefs")
    assert all(sweep.validate_datetime(datetime(2026, 1, 1, 10, m)) for m in range(60))
