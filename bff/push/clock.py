"""The push domain's clocks: business time (``now``) and wall time (``wall``).

``now()`` decides what is due: reminder times, quiet hours, retry times. Tests move it by
monkeypatching ``bff.push.clock.now`` (every caller reads it through this module). ``wall()`` is
always the real clock: leases and claims expire in real seconds, whatever a test pretends.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def wall() -> datetime:
    return datetime.now(UTC)
