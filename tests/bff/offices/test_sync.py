"""`flask offices sync` against the sandbox core over real HTTP: the service credential, ETag, failures."""

import pytest
from sqlalchemy import func, select

from bff.offices.models import Office, OfficeRegistry
from bff.offices.registry import sync_from_core
from bff.platform.db import db


def test_sync_pulls_the_whole_sample_registry_then_gets_304(core_app):
    with core_app.app_context():
        first = sync_from_core()
        assert first.created == 1676 and not first.skipped
        registry = db.session.get(OfficeRegistry, 1)
        assert registry.core_etag and registry.sample is True and registry.office_count == 1676
        second = sync_from_core()
        assert second.not_modified and second.revision == first.revision
    client = core_app.test_client()
    nearest = client.get("/api/v1/offices/nearest?lat=32.6525&lon=51.6746&limit=3").get_json()
    assert nearest[0]["city"] == "اصفهان"
    assert client.get("/api/v1/offices/bundle").get_json()["sample"] is True


def test_a_forced_sync_refetches_and_finds_nothing_changed(core_app):
    with core_app.app_context():
        sync_from_core()
        forced = sync_from_core(force=True)
    assert not forced.not_modified and forced.unchanged == 1676 and forced.created == 0


def test_sync_deactivates_offices_the_core_no_longer_lists(core_app):
    with core_app.app_context():
        db.session.add(Office(code="99999999", name="دفتر قدیمی", kind="independent", counters=2, province="qom",
                              county="قم", city="قم", district="", address="خیابان", postal_code="", phone="",
                              lat=34.6, lon=50.9, services=[], hours={}, status="active", accessibility="",
                              created_at=_now(), updated_at=_now()))
        db.session.commit()
        report = sync_from_core()
        gone = db.session.scalar(select(Office).where(Office.code == "99999999"))
        assert report.deactivated == 1 and gone.deactivated_at is not None
        active = db.session.scalar(select(func.count()).select_from(Office).where(Office.deactivated_at.is_(None)))
        assert active == 1676


def test_sync_when_the_core_is_down_raises_a_core_error_and_changes_nothing(core_app, sandbox):
    from bff.core_client import CoreError

    sandbox.set_faults(down=True)
    with core_app.app_context(), pytest.raises(CoreError):
        sync_from_core()
    with core_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Office)) == 0


def test_the_sync_command_prints_a_summary(core_app):
    result = core_app.test_cli_runner().invoke(args=["offices", "sync"])
    assert result.exit_code == 0, result.output
    assert "1676 created" in result.output
    again = core_app.test_cli_runner().invoke(args=["offices", "sync"])
    assert "unchanged" in again.output


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_after_an_operators_import_the_next_sync_fetches_the_whole_registry_again(core_app, tmp_path):
    import json

    from bff.offices.registry import import_file
    from tests.support.offices import office_row

    path = tmp_path / "extra.json"
    path.write_text(json.dumps([office_row("88888888")]), encoding="utf-8")
    with core_app.app_context():
        sync_from_core()
        import_file(path)
        assert db.session.get(OfficeRegistry, 1).core_etag is None
        report = sync_from_core()
    assert not report.not_modified and report.deactivated == 1 and report.unchanged == 1676
