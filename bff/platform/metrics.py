"""Prometheus metrics: what is measured as it happens, and what is counted at scrape time.

Request latencies and calls to outside systems are recorded as they happen (shared across gunicorn
workers when PROMETHEUS_MULTIPROC_DIR is set, per process otherwise). Outbox tables (push deliveries,
briefs) are counted by status when scraped: each room names its table in its ``init_app`` with
``count_by_status``, so every process reports the same truth. The queue's depth is a gauge read at scrape
time too (``count_at_scrape``). Served at GET /metrics by the ops room.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from bff.platform.db import db

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUEST_LATENCY = Histogram("hamrah_http_request_duration_seconds", "Request latency by route",
                            ["method", "route", "status"], buckets=LATENCY_BUCKETS)

_calls: dict[str, Histogram] = {}
_breakers: dict[str, Gauge] = {}
_lock = threading.Lock()
# (metric name, help, model with a `status` column): outbox tables counted by status at scrape time.
_status_tables: dict[str, tuple[str, type]] = {}
# (metric name, help, reader): gauges read at scrape time.
_scrape_gauges: dict[str, tuple[str, Callable[[], float]]] = {}


def observe_request(method: str, route: str | None, status: int, seconds: float) -> None:
    REQUEST_LATENCY.labels(method, route or "unmatched", str(status)).observe(seconds)


def outside_system(system: str, title: str) -> None:
    """Create the call-latency histogram and breaker gauge of an outside system (once per process):
    ``hamrah_<system>_call_duration_seconds{route, outcome}`` and ``hamrah_<system>_breaker_open``."""
    with _lock:
        if system not in _calls:
            _calls[system] = Histogram(f"hamrah_{system}_call_duration_seconds",
                                       f"Calls to {title} by route and outcome", ["route", "outcome"],
                                       buckets=LATENCY_BUCKETS)
            _breakers[system] = Gauge(f"hamrah_{system}_breaker_open",
                                      f"1 while this process's circuit breaker to {title} is open",
                                      multiprocess_mode="max")


def observe_call(system: str, route: str, outcome: str, seconds: float) -> None:
    _calls[system].labels(route, outcome).observe(seconds)


def observe_breaker(system: str, is_open: bool) -> None:
    _breakers[system].set(1 if is_open else 0)


def count_by_status(name: str, help_text: str, model: type) -> None:
    """Report the rows of ``model`` by its ``status`` column as gauge ``name`` at every scrape."""
    _status_tables[name] = (help_text, model)


def count_at_scrape(name: str, help_text: str, read: Callable[[], float]) -> None:
    """Report ``read()`` as gauge ``name`` at every scrape (a failed read is logged and left out)."""
    _scrape_gauges[name] = (help_text, read)


class _ScrapeTime:
    """Gauges read when scraped: the registered readers and the outbox tables by status."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        for name, (help_text, read) in _scrape_gauges.items():
            family = GaugeMetricFamily(name, help_text)
            try:
                family.add_metric([], read())
            except Exception as exc:  # a scrape reports what it can
                log.warning("metric unavailable", extra={"fields": {"metric": name, "error": type(exc).__name__}})
            yield family
        for name, (help_text, model) in _status_tables.items():
            family = GaugeMetricFamily(name, help_text, labels=["status"])
            with self.app.app_context():
                rows = db.session.execute(select(model.status, func.count()).group_by(model.status)).all()
                db.session.remove()
            for status, count in rows:
                family.add_metric([str(status)], count)
            yield family


def registry_for_scrape(app) -> CollectorRegistry:
    """Everything this process (or, in multiprocess mode, every process) reports, for one scrape."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUEST_LATENCY, *_calls.values(), *_breakers.values()):
            registry.register(collector)
    registry.register(_ScrapeTime(app))
    return registry
