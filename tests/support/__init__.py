"""Test support shared by every suite: the test environment, settings and database helpers.

Imported first by tests/conftest.py, because the queue is chosen when bff (bff.queue) is imported.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

INSTANCE = Path(tempfile.mkdtemp(prefix="hamrah-test-"))
RUN_ID = f"t{os.getpid()}"
os.environ["APP_ENV"] = "test"
os.environ["INSTANCE_PATH"] = str(INSTANCE)
os.environ["QUEUE_NAME"] = f"hamrah-{RUN_ID}"  # concurrent runs on one Redis do not share a queue
os.environ.setdefault("LOG_JSON", "true")

import sqlalchemy as sa  # noqa: E402

from bff.platform.config import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{INSTANCE / 'test.sqlite3'}"
PG_SCHEMA = None
if TEST_DATABASE_URL.startswith(("postgresql:", "postgres:")):
    # Each run gets its own schema in the test database, so concurrent runs never drop each other's tables.
    PG_SCHEMA = RUN_ID
    TEST_DATABASE_URL += ("&" if "?" in TEST_DATABASE_URL else "?") + f"options=-csearch_path%3D{PG_SCHEMA}"


def make_settings(**overrides) -> Settings:
    """Test settings: the shared test database, a throwaway instance folder, sandbox defaults."""
    base = {"app_env": "test", "instance_path": str(INSTANCE), "database_url": TEST_DATABASE_URL,
            "secret_key": "test-secret-key-" + "x" * 32}
    base.update(overrides)
    return Settings.from_env(**base)


def reset_database(url: str) -> None:
    """Drop everything so the migrations run from nothing (PostgreSQL: a fresh schema for this run)."""
    settings = make_settings(database_url=url)
    engine = sa.create_engine(settings.sqlalchemy_url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE'))
            conn.execute(sa.text(f'CREATE SCHEMA "{PG_SCHEMA}"'))
        else:
            names = [r[0] for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type='table'"))]
            for name in names:
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
    engine.dispose()


def clean_tables(app) -> None:
    """Empty every table of the app's database (the schema stays, migrated once per run)."""
    from bff.platform.db import db

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


def csrf_headers(client) -> dict[str, str]:
    """The X-CSRF-Token header matching the client's csrf_token cookie (fetching one if needed)."""
    cookie = client.get_cookie("csrf_token")
    if cookie is None:
        client.get("/healthz")
        cookie = client.get_cookie("csrf_token")
    return {"X-CSRF-Token": cookie.value}


def drop_run_schema() -> None:
    """At the end of a PostgreSQL run, remove this run's schema."""
    if PG_SCHEMA is None:
        return
    engine = sa.create_engine(make_settings().sqlalchemy_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE'))
    engine.dispose()
