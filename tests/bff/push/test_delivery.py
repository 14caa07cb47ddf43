"""The outbox and the sender against a loopback push service that checks VAPID and decrypts."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import select, update

from bff.platform.db import db
from bff.push import delivery
from bff.push.models import (
    CANCELLED,
    DELIVERED,
    PERMANENT_FAILURE,
    SENDING,
    TEMPORARY_FAILURE,
    Delivery,
    Notification,
    RetiredEndpoint,
    Subscription,
)
from bff.push.outbox import notify
from bff.push.preferences import Preferences, save_preferences
from bff.push.sender import PushSender
from bff.push.vapid import b64url

A, B = "cit-aaaaaaaaaaaa", "cit-bbbbbbbbbbbb"


def add_device(push_service, sub: str, clock):
    device = push_service.subscription()
    db.session.add(Subscription(sub=sub, endpoint=device.endpoint, p256dh=device.p256dh,
                                auth=b64url(device.auth_secret), label="test", vapid_key_id="k",
                                created_at=clock(), updated_at=clock()))
    db.session.commit()
    return device


def add_notice(sub: str, clock, notice_id: str = "n-1", **overrides) -> Notification:
    values = {"sub": sub, "topic": "notice", "kind": "notice_issued", "dedupe_key": f"notice:{sub}:{notice_id}",
              "params": {"notice_id": notice_id, "number": "140412345678", "type": "summons",
                         "title": "احضار به دادگاه", "case_id": "c-1"},
              "url": f"/notices/{notice_id}", "expires_at": clock() + timedelta(days=28), "topic_key": f"n-{notice_id}"}
    values.update(overrides)
    notification = notify(**values)
    db.session.commit()
    return notification


def statuses() -> list[str]:
    return [d.status for d in db.session.scalars(select(Delivery).order_by(Delivery.id))]


def the_delivery() -> Delivery:
    db.session.expire_all()
    return db.session.scalars(select(Delivery)).one()


def test_a_notice_reaches_every_device_of_its_citizen_and_nobody_else(db_context, push_service, clock):
    phone, laptop = add_device(push_service, A, clock), add_device(push_service, A, clock)
    other = add_device(push_service, B, clock)
    add_notice(A, clock)

    totals = delivery.deliver_due()

    assert totals == {DELIVERED: 2}
    assert push_service.rejections == []
    for device in (phone, laptop):
        [message] = push_service.received(device)
        assert message.payload["url"] == "/notices/n-1" and message.payload["type"] == "notice_issued"
        assert message.payload["tag"] == "n-n-1" and message.topic == "n-n-1"
        assert message.claims["aud"] == push_service.origin and message.claims["sub"].startswith("mailto:")
        assert message.urgency == "normal"
        assert 27 * 86400 < message.ttl <= 28 * 86400
    assert push_service.received(other) == []
    assert statuses() == [DELIVERED, DELIVERED]


def test_a_delivery_goes_once_however_often_the_sender_runs(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    add_notice(A, clock)
    for _ in range(3):
        delivery.deliver_due()
    assert len(push_service.received(device)) == 1
    assert the_delivery().attempts == 1


def test_payload_hides_details_from_the_lock_screen_by_default(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    add_notice(A, clock)
    delivery.deliver_due()
    [message] = push_service.received(device)
    assert message.payload["title"] == "همراه قضایی"
    assert "احضار" not in message.payload["body"]
    assert message.payload["dir"] == "rtl" and message.payload["lang"] == "fa"


def test_payload_with_details_in_the_citizens_language(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    save_preferences(A, Preferences(show_details=True, language="en"))
    add_notice(A, clock)
    delivery.deliver_due()
    [message] = push_service.received(device)
    assert message.payload["title"] == "New electronic notice"
    assert message.payload["body"] == "Summons: احضار به دادگاه"
    assert message.payload["lang"] == "en" and message.payload["dir"] == "ltr"


def test_a_topic_switched_off_is_not_pushed(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    prefs = Preferences()
    prefs.topics["notice"] = False
    save_preferences(A, prefs)
    add_notice(A, clock)
    assert delivery.deliver_due() == {}
    assert push_service.received(device) == [] and statuses() == []


@pytest.mark.parametrize("status", [404, 410])
def test_gone_subscription_is_retired_at_once(db_context, push_service, clock, status):
    device = add_device(push_service, A, clock)
    push_service.respond(device, status)
    add_notice(A, clock)

    assert delivery.deliver_due() == {PERMANENT_FAILURE: 1}

    gone = the_delivery()
    assert gone.last_status == status and gone.subscription_id is not None
    assert db.session.scalars(select(Subscription)).all() == []
    assert db.session.get(RetiredEndpoint, delivery.endpoint_hash(device.endpoint)) is not None
    add_notice(A, clock, "n-2")
    clock.advance(hours=1)
    delivery.deliver_due()
    assert push_service.attempts[device.endpoint] == 1, "a retired endpoint was tried again"


def test_413_is_never_retried(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    push_service.respond(device, 413)
    add_notice(A, clock)
    delivery.deliver_due()
    clock.advance(hours=2)
    delivery.deliver_due()
    assert the_delivery().status == PERMANENT_FAILURE
    assert push_service.attempts[device.endpoint] == 1
    assert db.session.scalars(select(Subscription)).one().endpoint == device.endpoint  # the device stays


@pytest.mark.parametrize("retry_after", ["120", "http-date"])
def test_429_waits_for_retry_after(db_context, push_service, clock, retry_after):
    device = add_device(push_service, A, clock)
    value = format_datetime(clock() + timedelta(seconds=120), usegmt=True) if retry_after == "http-date" else "120"
    push_service.respond(device, 429, retry_after=value)
    add_notice(A, clock)
    started = clock()

    assert delivery.deliver_due() == {TEMPORARY_FAILURE: 1}
    waiting = the_delivery()
    assert waiting.last_status == 429
    assert abs((waiting.next_attempt_at - started).total_seconds() - 120) <= 1

    clock.advance(seconds=60)
    delivery.deliver_due()
    assert push_service.attempts[device.endpoint] == 1, "tried again before Retry-After"
    clock.advance(seconds=61)
    assert delivery.deliver_due() == {DELIVERED: 1}
    assert len(push_service.received(device)) == 1


def test_server_errors_are_retried_with_growing_backoff(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    push_service.respond(device, 500, 503, 502)
    add_notice(A, clock)
    waits = []
    for _ in range(3):
        delivery.deliver_due()
        waiting = the_delivery()
        assert waiting.status == TEMPORARY_FAILURE
        waits.append((waiting.next_attempt_at - clock()).total_seconds())
        clock.set(waiting.next_attempt_at)
    assert waits[0] < waits[1] < waits[2]
    assert delivery.deliver_due() == {DELIVERED: 1}
    assert the_delivery().attempts == 4


def test_retries_stop_after_the_retry_window(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    push_service.respond(device, *[500] * 300)
    add_notice(A, clock)
    started = clock()
    for _ in range(300):
        delivery.deliver_due()
        current = the_delivery()
        if current.status != TEMPORARY_FAILURE:
            break
        clock.set(current.next_attempt_at)
    assert current.status == PERMANENT_FAILURE and current.last_error.startswith("gave up")
    assert timedelta(hours=23) < clock() - started <= timedelta(hours=24)


def test_a_timeout_is_retried_and_the_message_arrives_once(app, db_context, push_service, clock, monkeypatch):
    quick = PushSender(app.extensions["vapid"], timeout=0.3)
    monkeypatch.setitem(app.extensions, "push_sender", quick)
    device = add_device(push_service, A, clock)
    push_service.respond(device, 201, hold=1.0)
    add_notice(A, clock)

    assert delivery.deliver_due() == {TEMPORARY_FAILURE: 1}
    assert the_delivery().last_error == "timeout"
    clock.advance(minutes=1)
    assert delivery.deliver_due() == {DELIVERED: 1}
    push_service.wait_for(device, 1)
    assert len(push_service.received(device)) == 1


def test_claims_do_not_overlap_and_an_expired_lease_is_taken_over(app, db_context, push_service, clock):
    sender = app.extensions["push_sender"]
    for _ in range(3):
        add_device(push_service, A, clock)
    add_notice(A, clock)
    delivery.fan_out_due()

    first = delivery.claim_due(sender)
    assert first is not None and delivery.claim_due(sender) is None
    assert statuses() == [SENDING] * 3

    # The worker holding them died: its lease lapses, and they are claimed again.
    db.session.execute(update(Delivery).values(lease_until=clock() - timedelta(seconds=1)))
    db.session.commit()
    second = delivery.claim_due(sender)
    assert second not in (None, first)
    assert [d.attempts for d in db.session.scalars(select(Delivery))] == [2, 2, 2]
    assert delivery.send_claimed(sender, first) == {}, "the old claim must send nothing"
    assert delivery.send_claimed(sender, second) == {DELIVERED: 3}
    assert push_service.total() == 3


def test_a_withdrawn_notification_is_not_sent(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    push_service.respond(device, 500)
    notification = add_notice(A, clock)
    delivery.deliver_due()
    notification.cancelled_at = clock()
    from bff.push.outbox import cancel_pending_deliveries

    cancel_pending_deliveries([notification.id])
    db.session.commit()
    clock.advance(hours=1)
    delivery.deliver_due()
    assert the_delivery().status == CANCELLED
    assert push_service.received(device) == []


def test_a_notification_past_its_expiry_is_not_sent(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    push_service.respond(device, 503)
    add_notice(A, clock, expires_at=clock() + timedelta(seconds=30))
    delivery.deliver_due()
    clock.advance(minutes=5)
    delivery.deliver_due()
    assert the_delivery().status == PERMANENT_FAILURE
    assert push_service.attempts[device.endpoint] == 1
