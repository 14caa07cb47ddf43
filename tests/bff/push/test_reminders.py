"""Hearing reminders on a controllable clock: lead times, quiet hours, moved and cancelled hearings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bff.core_client.events import Event, decode_event
from bff.platform.dates import TEHRAN
from bff.platform.db import db
from bff.push import delivery, feed, reminders, service
from bff.push.models import Notification
from bff.push.preferences import Preferences, quiet_until, reminder_time, save_preferences
from tests.bff.push.test_delivery import A, add_device

_ids = iter(range(1, 10_000))


def tehran(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=TEHRAN).astimezone(UTC)


def event(kind: str, data: dict, person: str = A, case_id: str = "c-7") -> Event:
    """An event of the feed as the core client hands it over."""
    return decode_event({"id": f"{next(_ids):020d}", "type": kind, "person": person, "case_id": case_id,
                         "at": "2026-12-01T05:30:00Z", "data": data})


def scheduled(hearing_id: str, starts: datetime, version: int = 1) -> dict:
    return {"hearing_id": hearing_id, "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(minutes=30))
            .isoformat(), "branch": "شعبه ۱۲ دادگاه عمومی حقوقی", "address": "اصفهان، خیابان نظر", "version": version}


def planned(kind: str = "hearing_reminder") -> list[tuple[datetime, int]]:
    """(not_before, lead hours) of the live reminders, soonest first."""
    rows = db.session.scalars(select(Notification).where(Notification.kind == kind,
                                                         Notification.cancelled_at.is_(None))
                              .order_by(Notification.not_before)).all()
    return [(row.not_before, row.params.get("lead")) for row in rows]


def test_quiet_hours_across_midnight_end_at_seven_tehran_time():
    quiet = Preferences().quiet_hours
    assert quiet_until(tehran(2, 23, 30), quiet) == tehran(3, 7)
    assert quiet_until(tehran(3, 6, 59), quiet) == tehran(3, 7)
    assert quiet_until(tehran(3, 7), quiet) is None
    assert quiet_until(tehran(3, 21, 59), quiet) is None
    assert quiet_until(tehran(3, 13), Preferences(quiet_start="12:00", quiet_end="14:00").quiet_hours) == tehran(3, 14)
    assert Preferences(quiet_start="07:00", quiet_end="07:00").quiet_hours is None


def test_a_reminder_in_quiet_hours_waits_for_their_end_unless_the_hearing_comes_first():
    prefs = Preferences()
    assert reminder_time(tehran(5, 8), 2, prefs) == tehran(5, 7)  # 06:00 is quiet: at 07:00 instead
    assert reminder_time(tehran(5, 6, 30), 2, prefs) == tehran(5, 4, 30)  # the hearing is before 07:00
    assert reminder_time(tehran(5, 10), 2, prefs) == tehran(5, 8)
    assert reminder_time(tehran(5, 8), 2, Preferences(quiet_start=None, quiet_end=None)) == tehran(5, 6)


def test_a_scheduled_hearing_gets_a_reminder_at_each_lead_time(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    feed.dispatch(event("hearing.scheduled", scheduled("h-1", tehran(5, 10))))
    db.session.commit()
    assert planned() == [(tehran(2, 10), 72), (tehran(4, 10), 24), (tehran(5, 8), 2)]

    delivery.deliver_due()
    [announcement] = push_service.received(device)  # the scheduling itself, at once
    assert announcement.payload["type"] == "hearing_scheduled"

    clock.set(tehran(2, 9, 59))
    delivery.deliver_due()
    assert len(push_service.received(device)) == 1, "a reminder went early"
    sent = []
    for moment in (tehran(2, 10), tehran(4, 10), tehran(5, 8)):
        clock.set(moment)
        delivery.deliver_due()
        sent.append(push_service.received(device)[-1])
    assert [m.payload["type"] for m in sent] == ["hearing_reminder"] * 3
    assert [m.urgency for m in sent] == ["normal", "high", "high"]  # within 24 h of the hearing: high
    assert [m.ttl for m in sent] == [72 * 3600, 24 * 3600, 2 * 3600]  # TTL: until the hearing
    assert {m.topic for m in sent} == {"h-h-1"}, "a newer reminder must replace an older one"
    assert {a["action"] for a in sent[0].payload["actions"]} == {"view"}  # details are off by default


def test_reminders_skip_lead_times_already_past_and_respect_quiet_hours(db_context, push_service, clock):
    add_device(push_service, A, clock)
    feed.dispatch(event("hearing.scheduled", scheduled("h-2", tehran(2, 8))))  # tomorrow 08:00
    db.session.commit()
    # 72 h and 24 h ago are past; 2 h before is 06:00, quiet, so 07:00.
    assert planned() == [(tehran(2, 7), 2)]


def test_a_moved_hearing_withdraws_old_reminders_and_pushes_the_change_at_high_urgency(
        db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    save_preferences(A, Preferences(show_details=True))
    feed.dispatch(event("hearing.scheduled", scheduled("h-3", tehran(5, 10))))
    db.session.commit()
    delivery.deliver_due()
    old = {row.id for row in db.session.scalars(select(Notification).where(Notification.kind == "hearing_reminder"))}

    moved = {**scheduled("h-3", tehran(8, 11), version=2), "previous_starts_at": tehran(5, 10).isoformat()}
    feed.dispatch(event("hearing.changed", moved))
    db.session.commit()

    cancelled = db.session.scalars(select(Notification).where(Notification.id.in_(old))).all()
    assert all(row.cancelled_at is not None for row in cancelled)
    assert planned() == [(tehran(5, 11), 72), (tehran(7, 11), 24), (tehran(8, 9), 2)]
    delivery.deliver_due()
    change = push_service.received(device)[-1]
    assert change.payload["type"] == "hearing_changed" and change.urgency == "high"
    assert change.payload["renotify"] is True and change.topic == "h-h-3"
    assert "۱۱:۰۰" in change.payload["body"] and "۱۰:۰۰" in change.payload["body"]
    assert [a["action"] for a in change.payload["actions"]] == ["view", "directions"]

    clock.set(tehran(5, 10))  # when the first reminder was due before the move
    delivery.deliver_due()
    assert push_service.received(device)[-1].payload["type"] == "hearing_changed", "a withdrawn reminder went"


def test_a_cancelled_hearing_withdraws_its_reminders_and_says_so(db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    feed.dispatch(event("hearing.scheduled", scheduled("h-4", tehran(5, 10))))
    feed.dispatch(event("hearing.cancelled", {"hearing_id": "h-4", "previous_starts_at": tehran(5, 10).isoformat(),
                                              "version": 2}))
    db.session.commit()
    assert planned() == []
    delivery.deliver_due()
    kinds = [m.payload["type"] for m in push_service.received(device)]
    assert kinds[-1] == "hearing_cancelled"
    assert push_service.received(device)[-1].urgency == "high"


def test_an_older_version_of_a_hearing_changes_nothing(db_context, push_service, clock):
    add_device(push_service, A, clock)
    feed.dispatch(event("hearing.changed", {**scheduled("h-5", tehran(8, 11), version=3),
                                            "previous_starts_at": tehran(5, 10).isoformat()}))
    db.session.commit()
    before = planned()
    feed.dispatch(event("hearing.scheduled", scheduled("h-5", tehran(5, 10), version=1)))
    db.session.commit()
    assert planned() == before
    assert [n.kind for n in db.session.scalars(select(Notification).where(Notification.kind != "hearing_reminder"))] \
        == ["hearing_changed"]


def test_new_lead_times_and_quiet_hours_plan_reminders_again(db_context, push_service, clock):
    add_device(push_service, A, clock)
    feed.dispatch(event("hearing.scheduled", scheduled("h-6", tehran(5, 8))))
    db.session.commit()
    assert planned() == [(tehran(2, 8), 72), (tehran(4, 8), 24), (tehran(5, 7), 2)]

    service.update_preferences(A, {"lead_times": [24, 2], "quiet_hours": None})
    assert planned() == [(tehran(4, 8), 24), (tehran(5, 6), 2)]
    service.update_preferences(A, {"lead_times": [72, 2]})
    assert planned() == [(tehran(2, 8), 72), (tehran(5, 6), 2)]


def test_hearings_of_citizens_without_a_device_are_not_tracked(db_context, clock):
    feed.dispatch(event("hearing.scheduled", scheduled("h-7", tehran(5, 10))))
    db.session.commit()
    assert planned() == [] and not reminders.has_devices(A)
