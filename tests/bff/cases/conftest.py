"""Fixtures of the cases tests: citizens who share a case, JSON scanning, a BFF with a short read timeout."""

from __future__ import annotations

import pytest

from bff import create_app
from tests.support import make_settings


@pytest.fixture
def demo(citizens) -> dict:
    """The demo persona: eight cases in four roles, upcoming hearings."""
    return citizens[0]


@pytest.fixture
def shared_case(sandbox, citizens) -> tuple[dict, dict, dict]:
    """(case, citizen A, citizen B): a case both citizens are parties of, A being the demo persona."""
    by_sub = {c["sub"]: c for c in citizens}
    for case in sandbox.cases():
        subs = [sub for sub in case["citizen_subs"] if sub in by_sub]
        if citizens[0]["sub"] in subs and len(subs) > 1:
            other = next(sub for sub in subs if sub != citizens[0]["sub"])
            return case, citizens[0], by_sub[other]
    pytest.fail("the sample data has no case shared by the demo persona and another citizen")


@pytest.fixture
def foreign_case(sandbox, demo) -> dict:
    """A case the demo persona is not a party of."""
    return next(case for case in sandbox.cases() if demo["sub"] not in case["citizen_subs"])


@pytest.fixture(scope="session")
def _impatient_app(migrated_database, core_sandbox):
    return create_app(make_settings(core_base_url=core_sandbox.url, oidc_issuer=core_sandbox.url,
                                    public_base_url="http://localhost:5000", core_read_timeout=0.4,
                                    core_breaker_reset_seconds=2))


@pytest.fixture
def impatient_app(_impatient_app, core_app):
    """The BFF with a 0.4 s read timeout on the core (same database and sandbox as core_app)."""
    yield _impatient_app
    _impatient_app.extensions["core"].breaker.close()

