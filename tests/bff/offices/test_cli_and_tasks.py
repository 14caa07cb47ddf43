"""`flask offices import|holidays`, the daily sync task, and the holidays a fresh database starts with."""

import json
from datetime import datetime

import sqlalchemy as sa

from bff import create_app
from bff.queue import huey
from tests.support import make_settings
from tests.support.offices import office_row


def test_import_command_reports_skipped_rows_by_line(registry, tmp_path):
    path = tmp_path / "offices.json"
    path.write_text(json.dumps([office_row("10000001"), office_row("10000002", province="mars")], indent=0),
                    encoding="utf-8")
    result = registry.test_cli_runner().invoke(args=["offices", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 created" in result.stdout and "1 skipped" in result.stdout
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"10000002"' in text) - 1
    assert f"skipped line {line} (code 10000002): province" in result.stderr


def test_import_command_with_replace_deactivates_offices_not_in_the_file(registry, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps([office_row("10000001"), office_row("10000002")]), encoding="utf-8")
    second.write_text(json.dumps({"offices": [office_row("10000001")]}), encoding="utf-8")
    runner = registry.test_cli_runner()
    runner.invoke(args=["offices", "import", str(first)])
    result = runner.invoke(args=["offices", "import", "--replace", str(second)])
    assert "1 deactivated" in result.output
    assert registry.test_client().get("/api/v1/offices/10000002").status_code == 404


def test_import_command_refuses_a_file_that_is_not_a_registry(registry, tmp_path):
    path = tmp_path / "offices.json"
    path.write_text('{"offices": 3}', encoding="utf-8")
    result = registry.test_cli_runner().invoke(args=["offices", "import", str(path)])
    assert result.exit_code != 0 and "list of offices" in result.output


def test_holidays_command_loads_the_shipped_table(registry):
    result = registry.test_cli_runner().invoke(args=["offices", "holidays"])
    assert result.exit_code == 0 and "57 holidays loaded" in result.output


def test_a_fresh_database_has_the_holidays_after_upgrade(tmp_path):
    from flask_migrate import upgrade

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = create_app(make_settings(database_url=url))
    with app.app_context():
        upgrade()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        count = conn.execute(sa.text("SELECT count(*) FROM holidays")).scalar()
        nowruz = conn.execute(sa.text("SELECT count(*) FROM holidays WHERE date = '2026-03-21'")).scalar()
    engine.dispose()
    assert count == 57 and nowruz == 2


def test_the_registry_is_synced_daily_at_0330_tehran():
    import bff.worker  # noqa: F401  (builds the app, which schedules every room's tasks, as the consumer does)

    task = next(t for t in huey._registry.periodic_tasks if t.name == "sync_offices_daily")
    assert task.validate_datetime(datetime(2026, 1, 1, 0, 0))  # UTC midnight = 03:30 in Tehran
    assert not any(task.validate_datetime(datetime(2026, 1, 1, h, m)) for h in range(1, 24) for m in (0, 30))


def test_the_worker_does_not_sync_on_start_under_test(monkeypatch):
    from bff.offices import tasks

    enqueued = []
    monkeypatch.setattr(tasks, "sync_offices", lambda: enqueued.append(1))
    tasks.sync_offices_on_start()
    assert enqueued == []
