"""The event-feed poller against the sandbox core over real HTTP: cursor, dedupe, notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from bff.core_client.events import decode_event
from bff.platform.db import db
from bff.push import delivery, feed
from bff.push.models import FeedCursor, Notification, ProcessedEvent, Subscription
from bff.push.vapid import b64url


@pytest.fixture
def core_context(core_app):
    with core_app.app_context():
        yield db.session
        db.session.remove()


def add_device(push_service, sub: str):
    device = push_service.subscription()
    now = datetime.now(UTC)
    db.session.add(Subscription(sub=sub, endpoint=device.endpoint, p256dh=device.p256dh,
                                auth=b64url(device.auth_secret), label="test", vapid_key_id="k", created_at=now,
                                updated_at=now))
    db.session.commit()
    return device


def shared_case(sandbox, citizens: list[dict]) -> tuple[dict, dict, dict]:
    """A case with two citizen parties, the demo persona first: (case, that citizen, the other)."""
    by_sub = {citizen["sub"]: citizen for citizen in citizens}
    first = citizens[0]
    case = next(case for case in sandbox.cases() if first["sub"] in case["citizen_subs"]
                and len(case["citizen_subs"]) > 1)
    second = by_sub[next(sub for sub in case["citizen_subs"] if sub != first["sub"])]
    return case, first, second


def issue_notice(sandbox, citizen: dict, case_id: str, title: str = "احضار برای جلسه") -> dict:
    response = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": case_id,
                                                        "type": "summons", "title": title})
    assert response.status_code == 201, response.text
    return response.json()


def notifications() -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).order_by(Notification.id)))


def test_first_poll_starts_at_the_head_so_old_events_are_not_pushed(core_context, sandbox, citizens, push_service):
    add_device(push_service, citizens[0]["sub"])
    issue_notice(sandbox, citizens[0], citizens[0]["case_ids"][0])  # before the poller ever ran

    assert feed.poll_once() == 0
    head = sandbox.control("GET", "/sandbox/control").json()["event_head"]
    assert db.session.get(FeedCursor, feed.CURSOR).cursor == head
    assert feed.poll_once() == 0 and notifications() == []


def test_a_notice_becomes_a_push_for_its_citizen_only(core_context, sandbox, citizens, push_service):
    case, first, second = shared_case(sandbox, citizens)
    mine, theirs = add_device(push_service, first["sub"]), add_device(push_service, second["sub"])
    feed.poll_once()
    notice = issue_notice(sandbox, first, case["id"])

    assert feed.poll_once() == 1
    [notification] = notifications()
    assert notification.sub == first["sub"] and notification.kind == "notice_issued"
    assert notification.url == f"/notices/{notice['id']}"
    delivery.deliver_due()
    assert [m.payload["url"] for m in push_service.received(mine)] == [f"/notices/{notice['id']}"]
    assert push_service.received(theirs) == []


def test_events_seen_again_are_not_pushed_again(core_context, sandbox, citizens, push_service):
    device = add_device(push_service, citizens[0]["sub"])
    feed.poll_once()
    start = db.session.get(FeedCursor, feed.CURSOR).cursor
    issue_notice(sandbox, citizens[0], citizens[0]["case_ids"][0])
    feed.poll_once()
    delivery.deliver_due()

    # The cursor goes back (a restored backup, a crash before the commit): the feed replays.
    db.session.execute(update(FeedCursor).values(cursor=start))
    db.session.commit()
    assert feed.poll_once() == 1
    delivery.deliver_due()
    assert len(notifications()) == 1
    assert len(push_service.received(device)) == 1
    assert db.session.scalars(select(ProcessedEvent)).one()


def test_every_party_with_a_device_hears_of_a_new_hearing_and_its_reminders_are_planned(
        core_context, sandbox, citizens, push_service):
    case, first, second = shared_case(sandbox, citizens)
    mine, theirs = add_device(push_service, first["sub"]), add_device(push_service, second["sub"])
    feed.poll_once()
    starts = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    response = sandbox.control("POST", "hearings", json={"case_id": case["id"], "starts_at": starts.isoformat()})
    assert response.status_code == 201

    feed.poll_once()
    delivery.deliver_due()
    for device in (mine, theirs):
        assert [m.payload["type"] for m in push_service.received(device)] == ["hearing_scheduled"]
    reminders = [n for n in notifications() if n.kind == "hearing_reminder"]
    assert {n.sub for n in reminders} == {first["sub"], second["sub"]}
    assert len(reminders) == 6 and all(n.expires_at == starts for n in reminders)


def test_case_status_changes_are_pushed_and_brief_events_left_to_the_briefs_domain(
        core_context, sandbox, citizens, push_service):
    citizen = citizens[0]
    add_device(push_service, citizen["sub"])
    feed.poll_once()
    case_id = citizen["case_ids"][0]
    current = next(c for c in sandbox.cases() if c["id"] == case_id)["status"]
    status = "appeal" if current != "appeal" else "enforcement"
    assert sandbox.control("POST", f"cases/{case_id}/status", json={"status": status}).status_code == 200

    feed.poll_once()
    [notification] = notifications()
    assert notification.kind == "case_status" and notification.topic == "case_update"
    assert notification.params["status"] == status


def test_a_malformed_event_is_skipped_without_holding_up_the_rest(core_context, citizens, push_service):
    add_device(push_service, citizens[0]["sub"])
    db.session.add(FeedCursor(name=feed.CURSOR, cursor="0" * 20, updated_at=datetime.now(UTC)))
    db.session.commit()
    feed.handle(decode_event({"id": "00000000000000000001", "type": "notice.issued", "person": citizens[0]["sub"],
                              "case_id": "c-1", "data": {}}))
    feed.handle(decode_event({"id": "00000000000000000002", "type": "notice.issued", "person": citizens[0]["sub"],
                              "case_id": "c-1", "data": {"notice_id": "n-9", "number": "1", "type": "notice",
                                                         "title": "t"}}))
    assert [n.dedupe_key for n in notifications()] == [f"notice:{citizens[0]['sub']}:n-9"]
    assert db.session.get(FeedCursor, feed.CURSOR).cursor == "00000000000000000002"
