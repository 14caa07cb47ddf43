"""The push API: the server's key, my devices (one row per endpoint), preferences, the test push."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bff.platform.db import db
from bff.push import delivery
from bff.push.models import CANCELLED, Delivery, Notification, RetiredEndpoint, Subscription
from bff.push.outbox import notify
from tests.bff.push.conftest import subscribe
from tests.support import csrf_headers

ANDROID_CHROME = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/131.0.0.0 Mobile Safari/537.36")


def rows(app) -> list[Subscription]:
    with app.app_context():
        found = list(db.session.scalars(select(Subscription).order_by(Subscription.id)))
        db.session.expunge_all()
        return found


def test_the_key_is_the_servers_vapid_public_key(client, app):
    body = client.get("/api/v1/push/key").get_json()
    assert body["public_key"] == app.extensions["vapid"].application_server_key
    assert len(body["key_id"]) == 16


def test_subscribing_is_idempotent_per_endpoint_and_bound_to_the_citizen(core_app, signed_in, citizens,
                                                                          push_service):
    client = signed_in()
    device = push_service.subscription()
    first = subscribe(client, device, label="گوشی من")
    again = subscribe(client, device, label="گوشی من")

    assert first.status_code == again.status_code == 200
    assert first.get_json()["id"] == again.get_json()["id"]
    [row] = rows(core_app)
    assert row.sub == citizens[0]["sub"] and row.label == "گوشی من" and row.endpoint == device.endpoint
    listed = client.get("/api/v1/push/subscriptions").get_json()["devices"]
    assert [d["id"] for d in listed] == [row.id]
    assert "endpoint" not in listed[0], "a device list must not hand out capability URLs"


def test_a_device_label_comes_from_the_user_agent_when_not_given(core_app, signed_in, push_service):
    client = signed_in()
    response = client.post("/api/v1/push/subscriptions", json=push_service.subscription().info,
                           headers={**csrf_headers(client), "User-Agent": ANDROID_CHROME})
    assert response.get_json()["label"] == "Chrome · Android"


def test_a_device_that_changes_hands_stops_getting_the_first_citizens_pushes(core_app, signed_in, citizens,
                                                                             push_service):
    device = push_service.subscription()
    subscribe(signed_in(citizens[0]), device)
    with core_app.app_context():
        row = db.session.scalars(select(Subscription)).one()
        notification = notify(sub=citizens[0]["sub"], topic="notice", kind="notice_issued", dedupe_key="x",
                              params={}, url="/notices/n-1", expires_at=row.created_at.replace(year=2099),
                              topic_key="n-1")
        db.session.flush()
        delivery.fan_out_now(notification)
        db.session.commit()

    subscribe(signed_in(citizens[1]), device)

    [row] = rows(core_app)
    assert row.sub == citizens[1]["sub"]
    with core_app.app_context():
        assert db.session.scalars(select(Delivery)).one().status == CANCELLED


def test_signed_out_or_without_csrf_nobody_can_subscribe(core_app, client, signed_in, push_service):
    device = push_service.subscription()
    assert subscribe(client, device).status_code == 401
    signed = signed_in()
    assert signed.post("/api/v1/push/subscriptions", json=device.info).status_code == 403
    assert client.get("/api/v1/push/subscriptions").status_code == 401
    assert rows(core_app) == []


@pytest.mark.parametrize(("field", "value"), [("p256dh", "AAAA"), ("auth", "c2hvcnQ")])
def test_keys_that_cannot_encrypt_are_refused(signed_in, push_service, field, value):
    client = signed_in()
    info = push_service.subscription().info
    info["keys"][field] = value
    response = client.post("/api/v1/push/subscriptions", json=info, headers=csrf_headers(client))
    assert response.status_code == 422
    assert response.get_json()["code"] == "push_keys_invalid"
    assert f"keys.{field}" in response.get_json()["errors"]


def test_a_subscription_made_for_another_key_must_subscribe_again(signed_in, push_service):
    client = signed_in()
    response = subscribe(client, push_service.subscription(), application_server_key="BOther" + "A" * 80)
    assert response.status_code == 409 and response.get_json()["code"] == "push_key_changed"
    assert response.get_json()["application_server_key"]


def test_an_endpoint_the_push_service_retired_must_subscribe_again(core_app, signed_in, push_service):
    device = push_service.subscription()
    with core_app.app_context():
        db.session.add(RetiredEndpoint(endpoint_sha256=delivery.endpoint_hash(device.endpoint),
                                       retired_at=datetime.now(UTC)))
        db.session.commit()
    response = subscribe(signed_in(), device)
    assert response.status_code == 410 and response.get_json()["code"] == "push_subscription_retired"


@pytest.mark.parametrize("endpoint", [
    "http://fcm.googleapis.com/fcm/send/abc",  # not https
    "https://169.254.169.254/latest/meta-data",  # an address, not a push service
    "https://evil.example/push/1",  # not an allowed push service
    "https://user:pw@fcm.googleapis.com/fcm/send/abc",
])
def test_production_accepts_only_https_endpoints_of_known_push_services(core_app, signed_in, push_service,
                                                                          monkeypatch, endpoint):
    client = signed_in()
    monkeypatch.setattr(type(core_app.extensions["settings"]), "is_production", property(lambda self: True))
    info = {**push_service.subscription().info, "endpoint": endpoint}
    response = client.post("/api/v1/push/subscriptions", json=info, headers=csrf_headers(client))
    assert response.status_code == 422 and response.get_json()["code"] == "push_endpoint_refused"
    allowed = {**info, "endpoint": "https://fcm.googleapis.com/fcm/send/abc"}
    assert client.post("/api/v1/push/subscriptions", json=allowed, headers=csrf_headers(client)).status_code == 200


def test_removing_devices_by_endpoint_or_from_the_list(core_app, signed_in, citizens, push_service):
    mine, other = signed_in(citizens[0]), signed_in(citizens[1])
    phone, laptop = push_service.subscription(), push_service.subscription()
    subscribe(mine, phone)
    laptop_id = subscribe(mine, laptop).get_json()["id"]
    theirs = subscribe(other, push_service.subscription()).get_json()["id"]

    assert mine.delete(f"/api/v1/push/subscriptions/{theirs}", headers=csrf_headers(mine)).status_code == 404
    assert mine.delete(f"/api/v1/push/subscriptions/{laptop_id}", headers=csrf_headers(mine)).status_code == 204
    response = mine.delete("/api/v1/push/subscriptions", json={"endpoint": phone.endpoint},
                           headers=csrf_headers(mine))
    assert response.status_code == 204
    assert [row.id for row in rows(core_app)] == [theirs]


def test_preferences_have_defaults_and_keep_what_a_put_leaves_out(signed_in):
    client = signed_in()
    defaults = client.get("/api/v1/push/preferences").get_json()
    assert defaults == {"topics": {"notice": True, "hearing_reminder": True, "case_update": True,
                                   "brief_status": True},
                        "lead_times": [72, 24, 2], "quiet_hours": {"start": "22:00", "end": "07:00"},
                        "show_details": False, "language": "fa"}
    changed = client.put("/api/v1/push/preferences", json={"topics": {"case_update": False}, "lead_times": [24],
                                                           "show_details": True}, headers=csrf_headers(client))
    assert changed.status_code == 200
    body = client.get("/api/v1/push/preferences").get_json()
    assert body["topics"]["case_update"] is False and body["topics"]["notice"] is True
    assert body["lead_times"] == [24] and body["show_details"] is True
    assert body["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    cleared = client.put("/api/v1/push/preferences", json={"quiet_hours": None}, headers=csrf_headers(client))
    assert cleared.get_json()["quiet_hours"] is None


@pytest.mark.parametrize("body", [{"lead_times": [5]}, {"quiet_hours": {"start": "25:00", "end": "07:00"}},
                                  {"topics": {"weather": True}}, {"language": "de"}])
def test_preferences_outside_the_choices_are_refused(signed_in, body):
    client = signed_in()
    response = client.put("/api/v1/push/preferences", json=body, headers=csrf_headers(client))
    assert response.status_code == 422


def test_the_test_push_reaches_each_of_my_devices(core_app, signed_in, citizens, push_service):
    client, other = signed_in(citizens[0]), signed_in(citizens[1])
    phone, laptop, theirs = push_service.subscription(), push_service.subscription(), push_service.subscription()
    subscribe(client, phone)
    subscribe(client, laptop)
    subscribe(other, theirs)

    response = client.post("/api/v1/push/test", headers=csrf_headers(client))
    assert response.status_code == 202 and response.get_json() == {"devices": 2}
    with core_app.app_context():
        delivery.deliver_due()
        assert db.session.scalars(select(Notification)).one().kind == "test"
    for device in (phone, laptop):
        [message] = push_service.received(device)
        assert message.payload["title"] == "اعلان آزمایشی" and message.urgency == "high"
    assert push_service.received(theirs) == []


def test_the_test_push_without_a_device_says_so(signed_in):
    client = signed_in()
    response = client.post("/api/v1/push/test", headers=csrf_headers(client))
    assert response.status_code == 409 and response.get_json()["code"] == "push_no_devices"
