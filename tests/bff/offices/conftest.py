"""Fixtures of the office tests: the app with the shipped holidays, and with the sample registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import ROOT

SAMPLE_REGISTRY = ROOT / "sandbox" / "data" / "offices.json"


@pytest.fixture
def registry(app):
    """The app with the holiday table loaded (every test starts from empty tables)."""
    from bff.offices.registry import load_holidays

    with app.app_context():
        load_holidays()
    return app


@pytest.fixture
def sample_registry(registry):
    """The app with the 1,676 sample offices imported."""
    from bff.offices.registry import import_file

    with registry.app_context():
        import_file(Path(SAMPLE_REGISTRY))
    return registry


@pytest.fixture
def add_offices(registry):
    """Apply registry rows as the core would send them: ``add_offices(row, …)``."""
    from bff.offices.registry import apply_registry

    def add(*rows, deactivate_missing=False):
        with registry.app_context():
            return apply_registry([(f"item {n}", row) for n, row in enumerate(rows, 1)], source="core",
                                  deactivate_missing=deactivate_missing)

    return add
