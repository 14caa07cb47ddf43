"""Pushes other domains ask for: a brief's new status joins the transaction that changed it."""

from __future__ import annotations

from sqlalchemy import select

from bff.platform import signals
from bff.platform.db import db
from bff.push import delivery
from bff.push.models import Notification
from bff.push.preferences import Preferences, save_preferences
from tests.bff.push.test_delivery import A, add_device


def send(app, status: str = "registered") -> None:
    signals.brief_status_changed.send(app, sub=A, brief_id="b-1", case_id="c-1", status=status,
                                            tracking_code="140412345678")


def test_a_brief_status_change_is_pushed_when_its_transaction_commits(app, db_context, push_service, clock):
    device = add_device(push_service, A, clock)
    save_preferences(A, Preferences(show_details=True))
    db.session.commit()
    send(app)
    db.session.commit()
    delivery.deliver_due()
    [message] = push_service.received(device)
    assert message.payload["type"] == "brief_status" and message.payload["url"] == "/briefs/b-1"
    assert "۱۴۰۴۱۲۳۴۵۶۷۸" in message.payload["body"] and "ثبت شد" in message.payload["body"]


def test_a_rolled_back_status_change_pushes_nothing(app, db_context, push_service, clock):
    add_device(push_service, A, clock)
    send(app)
    db.session.rollback()
    assert db.session.scalars(select(Notification)).all() == []


def test_the_same_status_twice_is_one_notification(app, db_context, push_service, clock):
    add_device(push_service, A, clock)
    send(app)
    db.session.commit()
    send(app)
    db.session.commit()
    assert len(db.session.scalars(select(Notification)).all()) == 1
