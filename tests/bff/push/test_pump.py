"""The worker's push loop: one loop at a time, no gap between two periodic tasks, a database blip survived.

Found by the load run with faults (bench/load): Huey enqueues periodic tasks every 60 s from the
consumer's start, not on the whole minute, and a loop that stopped just past the whole minute left
the feed unread for up to 55 s of every minute; a database restart also ended the loop until the
next task.
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
import time

import pytest
from sqlalchemy.exc import OperationalError

from bff.push import pump


@pytest.fixture
def fast_pump(app, monkeypatch):
    """A loop period of 1 s (instead of 60) and rounds every 50 ms that only record who ran them."""
    monkeypatch.setitem(app.extensions, "settings",
                        dataclasses.replace(app.extensions["settings"], push_poll_interval=0.05))
    monkeypatch.setattr(pump, "PERIOD", 1.0)
    monkeypatch.setattr(pump, "OVERLAP", 0.5)
    rounds: list[tuple[float, int]] = []
    monkeypatch.setattr(pump, "run_once", lambda: rounds.append((time.monotonic(), threading.get_ident())) or {})
    return rounds


def test_the_next_periodic_task_takes_over_the_loop_without_a_gap(app, fast_pump):
    def periodic_task():
        with app.app_context():
            pump.run()

    first = threading.Thread(target=periodic_task)
    second = threading.Thread(target=periodic_task)
    started = time.monotonic()
    first.start()
    time.sleep(pump.PERIOD)  # the consumer enqueues the next periodic task one period later
    second.start()
    first.join(10)
    second.join(10)
    times = [moment for moment, _ in fast_pump]
    runners = [runner for _, runner in fast_pump]
    assert runners[0] == first.ident and runners[-1] == second.ident
    assert runners == sorted(runners, key=lambda ident: ident != first.ident)  # one loop at a time
    assert times[0] - started < 0.3
    assert max(b - a for a, b in itertools.pairwise(times)) < 0.5  # no gap at the hand-over
    assert times[-1] - started > 2 * pump.PERIOD + pump.OVERLAP - 0.3


def test_a_database_blip_costs_rounds_not_the_loop(app, fast_pump, monkeypatch):
    acquire = pump.acquire
    calls = {"n": 0}

    def flaky_acquire(name, holder, *args):
        calls["n"] += 1
        if calls["n"] in (3, 4):  # two renewals in a row meet a restarting database
            raise OperationalError("UPDATE push_leases", {}, Exception("the database system is shutting down"))
        return acquire(name, holder, *args)

    monkeypatch.setattr(pump, "acquire", flaky_acquire)
    with app.app_context():
        rounds = pump.run(duration=0.8)
    assert rounds >= 8
    assert len(fast_pump) == rounds  # it went on after the failures
    assert calls["n"] >= rounds
