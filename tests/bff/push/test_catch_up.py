"""Hearings that existed before the feed saw them: read with the citizen's own tokens when they subscribe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bff.auth.models import AuthGrant
from bff.platform.db import db
from bff.push import service
from bff.push.models import Notification, TrackedHearing
from bff.queue import huey
from tests.bff.push.conftest import subscribe


def upcoming(sandbox, citizen: dict) -> list[dict]:
    """The citizen's future scheduled hearings, made sure to exist (one is added five days ahead)."""
    starts = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    assert sandbox.control("POST", "hearings", json={"case_id": citizen["case_ids"][0],
                                                     "starts_at": starts.isoformat()}).status_code == 201
    return [c for c in sandbox.cases() if citizen["sub"] in c["citizen_subs"]]


def test_subscribing_a_device_queues_the_catch_up_with_the_citizens_own_grant(core_app, signed_in, citizens,
                                                                              push_service):
    huey.flush()
    subscribe(signed_in(), push_service.subscription())
    subscribe(signed_in(), push_service.subscription())
    queued = [task for task in huey.pending() if task.name == "sync_citizen_hearings"]
    with core_app.app_context():
        grants = set(db.session.scalars(select(AuthGrant.id).where(AuthGrant.sub == citizens[0]["sub"])))
    assert len(queued) == 2
    assert {task.args[0] for task in queued} == {citizens[0]["sub"]}
    assert {task.args[1] for task in queued} <= grants
    huey.flush()


def test_catch_up_plans_reminders_for_the_citizens_upcoming_hearings(core_app, signed_in, sandbox, citizens,
                                                                      push_service):
    citizen = citizens[0]
    upcoming(sandbox, citizen)
    subscribe(signed_in(citizen), push_service.subscription())
    with core_app.app_context():
        assert service.sync_all_hearings() >= 1
        tracked = db.session.scalars(select(TrackedHearing)).all()
        assert tracked and {row.sub for row in tracked} == {citizen["sub"]}
        now = datetime.now(UTC)
        reminders = db.session.scalars(select(Notification).where(Notification.kind == "hearing_reminder")).all()
        assert reminders and all(row.not_before >= now - timedelta(minutes=5) for row in reminders)
        assert {row.ref for row in reminders} <= {f"hearing:{row.hearing_id}" for row in tracked}
        again = len(reminders)
        service.sync_all_hearings()
        assert len(db.session.scalars(select(Notification)).all()) == again, "a second catch-up duplicated"
        db.session.remove()


def test_catch_up_skips_a_citizen_whose_grant_is_gone(core_app, signed_in, citizens, push_service):
    client = signed_in()
    subscribe(client, push_service.subscription())
    with core_app.app_context():
        grant_id = db.session.scalars(select(AuthGrant.id)).first()
        db.session.query(AuthGrant).delete()
        db.session.commit()
        assert service.sync_all_hearings() == 0
        assert service.sync_citizen_hearings(citizens[0]["sub"], grant_id) == 0
        db.session.remove()
