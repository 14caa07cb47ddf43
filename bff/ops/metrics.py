"""Prometheus metrics at GET /metrics, for operators only.

Request and core-call latencies are recorded as they happen (shared across gunicorn workers when
PROMETHEUS_MULTIPROC_DIR is set, per process otherwise). Queue depth, push deliveries by status and briefs
by status are read from the queue and the database at scrape time, so every process reports the same truth.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from flask import Blueprint, Response, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from bff.errors import Problem

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

REQUEST_LATENCY = Histogram("hamrah_http_request_duration_seconds", "Request latency by route",
                            ["method", "route", "status"], buckets=LATENCY_BUCKETS)
CORE_LATENCY = Histogram("hamrah_core_call_duration_seconds", "Calls to the judiciary core by route and outcome",
                         ["route", "outcome"], buckets=LATENCY_BUCKETS)
CORE_BREAKER_OPEN = Gauge("hamrah_core_breaker_open", "1 while this process's circuit breaker to the core is open",
                          multiprocess_mode="max")

bp = Blueprint("metrics", __name__)


def observe_request(method: str, route: str | None, status: int, seconds: float) -> None:
    REQUEST_LATENCY.labels(method, route or "unmatched", str(status)).observe(seconds)


def observe_core_call(route: str, outcome: str, seconds: float) -> None:
    CORE_LATENCY.labels(route, outcome).observe(seconds)


def observe_breaker(is_open: bool) -> None:
    CORE_BREAKER_OPEN.set(1 if is_open else 0)


class StateCollector:
    """Counts read at scrape time: the queue's depth and the rows of each status (outbox tables)."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        from bff.extensions import db, huey

        depth = GaugeMetricFamily("hamrah_queue_depth", "Tasks waiting in the queue")
        try:
            depth.add_metric([], huey.pending_count())
        except Exception as exc:  # a scrape reports what it can
            log.warning("queue depth unavailable", extra={"fields": {"error": type(exc).__name__}})
        yield depth
        for name, help_text, model_path in STATUS_TABLES:
            model = _model(model_path)
            if model is None:
                continue
            family = GaugeMetricFamily(name, help_text, labels=["status"])
            with self.app.app_context():
                rows = db.session.execute(select(model.status, func.count()).group_by(model.status)).all()
                db.session.remove()
            for status, count in rows:
                family.add_metric([str(status)], count)
            yield family


# (metric, help, "module:Model") — a domain whose model is not installed is skipped.
STATUS_TABLES = [
    ("hamrah_push_deliveries", "Push deliveries by status", "bff.push.models:Delivery"),
    ("hamrah_briefs", "Briefs by status", "bff.briefs.models:Brief"),
]


def _model(path: str):
    module_name, _, attr = path.partition(":")
    try:
        module = __import__(module_name, fromlist=[attr])
    except ImportError:
        return None
    return getattr(module, attr, None)


def _allowed() -> bool:
    token = current_app.extensions["settings"].metrics_token
    if token:
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(supplied.encode(), token.encode())
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@bp.get("/metrics")
def metrics():
    if not _allowed():
        raise Problem(403, "forbidden")
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUEST_LATENCY, CORE_LATENCY, CORE_BREAKER_OPEN):
            registry.register(collector)
    registry.register(StateCollector(current_app._get_current_object()))
    response = Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response
