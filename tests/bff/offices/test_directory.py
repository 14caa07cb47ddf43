"""Each process keeps one in-memory directory and rebuilds it when the registry's revision changes."""

import json
import uuid

from sqlalchemy import update

from bff.offices import directory as directory_module
from bff.offices.directory import DirectoryCache
from bff.offices.models import OfficeRegistry
from bff.platform.db import db
from tests.support.offices import office_row


def test_requests_within_the_check_interval_do_not_touch_the_database(add_offices, registry, monkeypatch):
    add_offices(office_row("10000001"))
    looked = []
    real = directory_module.current_revision
    monkeypatch.setattr(directory_module, "current_revision", lambda: looked.append(1) or real())
    cache = DirectoryCache(check_seconds=60)
    with registry.app_context():
        first = cache.get()
        assert all(cache.get() is first for _ in range(50))
    assert len(looked) == 1


def test_a_change_by_another_process_is_picked_up_after_the_interval(add_offices, registry):
    add_offices(office_row("10000001"))
    cache = DirectoryCache(check_seconds=0)  # every use looks (the production interval is a few seconds)
    with registry.app_context():
        before = cache.get()
        assert cache.get() is before  # same revision: the same directory, not a rebuild
        # Another worker synced: only the database knows.
        db.session.execute(update(OfficeRegistry).values(revision=uuid.uuid4().hex))
        db.session.commit()
        after = cache.get()
    assert after is not before and after.revision != before.revision


def test_a_stale_directory_is_kept_until_the_interval_passes_unless_invalidated(add_offices, registry):
    add_offices(office_row("10000001"))
    cache = DirectoryCache(check_seconds=3600)
    with registry.app_context():
        before = cache.get()
        db.session.execute(update(OfficeRegistry).values(revision=uuid.uuid4().hex))
        db.session.commit()
        assert cache.get() is before
        cache.invalidate()
        assert cache.get() is not before


def test_this_process_sees_its_own_import_at_once(add_offices, registry):
    client = registry.test_client()
    assert client.get("/api/v1/offices/10000001").status_code == 404
    add_offices(office_row("10000001"))
    assert client.get("/api/v1/offices/10000001").status_code == 200


def test_a_nearest_query_answers_from_one_snapshot_even_when_a_rebuild_lands_meanwhile(
        add_offices, registry, monkeypatch):
    """Every query reads the directory once: a rebuild between two reads would otherwise pair the offices
    found in the old directory with the weekly hours (and so the open-now state) of the new one."""
    from bff.offices import service

    always = {day: [["00:00", "24:00"]] for day in ("sat", "sun", "mon", "tue", "wed", "thu", "fri")}
    never = {day: [] for day in always}
    add_offices(office_row("10000001", hours=always))
    with registry.app_context():
        old = service.directory()
        add_offices(office_row("10000001", hours=never))  # the sync lands while the query runs
        new = DirectoryCache(check_seconds=0).get()
        assert new.revision != old.revision
        snapshots = iter([old, new, new])
        monkeypatch.setattr(service, "directory", lambda: next(snapshots))
        [office] = json.loads(service.nearest_json(35.7, 51.4, limit=1))
    assert office["hours"] == always and office["open_now"] is True
