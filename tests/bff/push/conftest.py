"""Push fixtures: a loopback push service that checks VAPID and decrypts, a movable clock, devices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import csrf_headers
from tests.support.push_service import PushService


@pytest.fixture
def push_service(_session_app):
    """A fresh loopback push service trusting the test app's VAPID key."""
    with PushService(_session_app.extensions["vapid"].application_server_key) as service:
        yield service


class Clock:
    """The app's clock, set by the test and moved on demand."""

    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, value: datetime) -> None:
        self.current = value

    def advance(self, **delta) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock(monkeypatch):
    """Time frozen at 2026-12-01 09:00 Tehran (05:30 UTC) until the test moves it."""
    from bff.platform import clock as app_clock

    fake = Clock(datetime(2026, 12, 1, 5, 30, tzinfo=UTC))
    monkeypatch.setattr(app_clock, "utcnow", fake)
    return fake


def subscribe(client, device, **extra):
    """POST the device's subscription as the PWA does; returns the response."""
    return client.post("/api/v1/push/subscriptions", json={**device.info, **extra}, headers=csrf_headers(client))


@pytest.fixture
def db_context(app):
    from bff.platform.db import db

    with app.app_context():
        yield db.session
        db.session.remove()
