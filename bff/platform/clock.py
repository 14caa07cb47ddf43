"""The one clock of the BFF: every "now" is ``clock.utcnow()``, an aware UTC instant.

Call it through the module (``from bff.platform import clock``; ``clock.utcnow()``), never import the
function itself, so that a test can move time for the whole app with one monkeypatch.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
