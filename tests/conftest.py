"""Shared fixtures: an app on the real migrations, against SQLite by default or TEST_DATABASE_URL.

The test command runs the suite twice: on a SQLite file, then on PostgreSQL with Redis behind Huey
(TEST_DATABASE_URL=postgresql://…, REDIS_URL=redis://…).
"""

from __future__ import annotations

import pytest

import tests.support  # noqa: F401  (first: it sets the test environment the queue is chosen from at import)
from bff import create_app
from tests.support import TEST_DATABASE_URL, clean_tables, drop_run_schema, make_settings, reset_database


@pytest.fixture(scope="session")
def migrated_database() -> str:
    """The test database, emptied and brought to head by the real migrations, once per run."""
    from flask_migrate import upgrade

    reset_database(TEST_DATABASE_URL)
    app = create_app(make_settings())
    with app.app_context():
        upgrade()
    from bff.queue import huey

    huey.flush()
    yield TEST_DATABASE_URL
    huey.flush()
    drop_run_schema()


@pytest.fixture(scope="session")
def _session_app(migrated_database):
    return create_app(make_settings())


@pytest.fixture
def app(_session_app):
    """The app with an empty database for each test (the schema stays; rows are deleted after)."""
    from bff.platform.limits import limiter

    with _session_app.app_context():
        limiter.reset()
    yield _session_app
    clean_tables(_session_app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db_session(app):
    from bff.platform.db import db

    with app.app_context():
        yield db.session


@pytest.fixture(scope="session")
def core_sandbox():
    """The judiciary sandbox (core + IdP) on a loopback port, for the BFF's integration tests."""
    from sandbox.testing import SandboxServer

    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox(core_sandbox):
    """The shared sandbox, reseeded, without faults, before each test that uses it."""
    core_sandbox.reset()
    return core_sandbox


@pytest.fixture(scope="session")
def _core_app(migrated_database, core_sandbox):
    return create_app(make_settings(core_base_url=core_sandbox.url, oidc_issuer=core_sandbox.url,
                                    public_base_url="http://localhost:5000", core_read_timeout=2.0,
                                    core_breaker_reset_seconds=2))


@pytest.fixture
def core_app(_core_app, sandbox):
    """The BFF talking over real HTTP to the sandbox; tables emptied, limits reset, breaker closed after."""
    from bff.platform.limits import limiter

    with _core_app.app_context():
        limiter.reset()
    yield _core_app
    _core_app.extensions["core"].breaker.close()
    clean_tables(_core_app)


@pytest.fixture
def citizens(sandbox) -> list[dict]:
    return sandbox.citizens()


@pytest.fixture
def signed_in(core_app, sandbox, citizens):
    """A BFF test client signed in as the given citizen (the demo persona by default)."""
    from tests.support.signin import sign_in

    def make(citizen: dict | None = None):
        client = core_app.test_client()
        sign_in(client, sandbox, (citizen or citizens[0])["national_code"])
        return client

    return make
