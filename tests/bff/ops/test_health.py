"""Liveness, readiness (database, queue, schema revision) and the PWA's runtime configuration."""

from datetime import UTC, datetime, timedelta

import pytest
from huey import RedisHuey

from bff import create_app
from bff.ops import service
from bff.ops.models import WorkerHeartbeat
from tests.support import INSTANCE, make_settings


def test_healthz_needs_no_dependency(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["database"]["revision"]
    assert body["checks"]["queue"]["ok"] is True
    assert body["core"] == {"ok": True, "breaker": "closed"}


def test_readyz_stays_ready_with_the_core_breaker_open(app):
    breaker = app.extensions["core"].breaker
    breaker.open()
    try:
        body = app.test_client().get("/readyz").get_json()
        assert body["status"] == "ready" and body["core"] == {"ok": False, "breaker": "open"}
    finally:
        breaker.close()


def test_readyz_names_the_database_when_it_is_unreachable(migrated_database):
    broken = create_app(make_settings(database_url=f"sqlite:///{INSTANCE}/missing-dir/x/db.sqlite3"))
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["failed"] == ["database"]
    assert body["checks"]["queue"]["ok"] is True
    assert response.headers["Retry-After"] == "5"


def test_readyz_fails_when_schema_is_not_migrated(migrated_database, tmp_path):
    fresh = create_app(make_settings(database_url=f"sqlite:///{tmp_path}/empty.sqlite3"))
    body = fresh.test_client().get("/readyz", headers={"Accept-Language": "en"}).get_json()
    assert body["failed"] == ["database"]
    assert "database" in body["detail"]


def test_readyz_names_the_queue_when_redis_is_down(client, monkeypatch):
    monkeypatch.setattr(service, "huey", RedisHuey("down", url="redis://127.0.0.1:1/0"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failed"] == ["queue"]


def test_heartbeat_prunes_rows_older_than_a_day(app, db_session):
    now = datetime.now(UTC)
    db_session.add(WorkerHeartbeat(worker="old", beat_at=now - timedelta(days=2)))
    db_session.add(WorkerHeartbeat(worker="recent", beat_at=now - timedelta(hours=1)))
    db_session.commit()
    assert service.record_heartbeat(now) == 1
    workers = sorted(h.worker for h in db_session.query(WorkerHeartbeat))
    assert "old" not in workers and "recent" in workers and len(workers) == 2


def test_heartbeat_times_are_aware_utc_on_every_database(app, db_session):
    service.record_heartbeat()
    beat = service.last_heartbeat()
    assert beat.tzinfo is not None and beat.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(app, db_session):
    db_session.add(WorkerHeartbeat(worker="naive", beat_at=datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive"):
        db_session.commit()
    db_session.rollback()


def test_app_config_says_sample_data_against_the_sandbox(client):
    body = client.get("/api/v1/app-config").get_json()
    assert body["sandbox"] is True
    assert body["languages"] == ["fa", "en"]


def test_app_config_without_sandbox(migrated_database):
    app = create_app(make_settings(core_sandbox=False))
    assert app.test_client().get("/api/v1/app-config").get_json()["sandbox"] is False
