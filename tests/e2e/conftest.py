"""Browser tests: Debian's Chromium driven by Playwright against the real server on a free port."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.offices import TEST_TILE_URL, load_sample_offices
from tests.support.servers import bff_environment, free_port, gunicorn_bff, migrate


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, server_logs, core_sandbox) -> str:
    """The BFF serving the built PWA, on its own migrated SQLite database, signing in at the sandbox
    (``core_sandbox``, whose core it reads too; reset it per test with the ``sandbox`` fixture)."""
    if not (ROOT / "pwa" / "dist" / "index.html").is_file():
        pytest.fail("pwa/dist is not built: run `make build` (the test command does)")
    instance = tmp_path_factory.mktemp("instance")
    port = free_port()  # chosen first: the BFF's own URL is its sign-in redirect URI
    env = bff_environment(instance, f"sqlite:///{instance}/e2e.sqlite3",
                          PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", CORE_BASE_URL=core_sandbox.url,
                          OIDC_ISSUER=core_sandbox.url, RATE_LIMIT_LOGIN="600 per minute",
                          RATE_LIMIT_WRITES="600 per minute", MAP_TILE_URL=TEST_TILE_URL)
    migrate(env)
    load_sample_offices(env)
    with gunicorn_bff(env, log_path=server_logs / "bff.log", port=port) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A phone-sized Persian context in Tehran time, under the page's real CSP."""
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture
def axe_context(browser):
    """Like `context`, but the CSP is bypassed so the test can inject axe-core."""
    context = browser.new_context(**PHONE, bypass_csp=True)
    yield context
    context.close()
