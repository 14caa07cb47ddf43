"""Shared fixtures: an app on the real migrations, against SQLite by default or TEST_DATABASE_URL.

The test command runs the suite twice: on a SQLite file, then on PostgreSQL with Redis behind Huey
(TEST_DATABASE_URL=postgresql://…, REDIS_URL=redis://…).
"""

from __future__ import annotations

import pytest

from bff import create_app
from tests.support import TEST_DATABASE_URL, make_settings, reset_database


@pytest.fixture(scope="session")
def migrated_database() -> str:
    """The test database, emptied and brought to head by the real migrations, once per run."""
    from flask_migrate import upgrade

    reset_database(TEST_DATABASE_URL)
    app = create_app(make_settings())
    with app.app_context():
        upgrade()
    from bff.extensions import huey

    huey.flush()
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def _session_app(migrated_database):
    return create_app(make_settings())


@pytest.fixture
def app(_session_app):
    """The app with an empty database for each test (the schema stays; rows are deleted after)."""
    yield _session_app
    clean_tables(_session_app)


def clean_tables(app) -> None:
    from bff.extensions import db

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db_session(app):
    from bff.extensions import db

    with app.app_context():
        yield db.session
