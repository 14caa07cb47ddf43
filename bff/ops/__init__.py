"""Operations: liveness, readiness, metrics, the API's documentation page, the worker's heartbeat and the
PWA's runtime configuration."""

from __future__ import annotations

from flask import Flask
from huey import crontab

from bff import queue
from bff.ops import cli, docs, prometheus, routes, tasks
from bff.platform import metrics
from bff.platform.api import api


def init_app(app: Flask) -> None:
    api.register_blueprint(routes.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(prometheus.bp)
    app.cli.add_command(cli.heartbeat)
    metrics.count_at_scrape("hamrah_queue_depth", "Tasks waiting in the queue", queue.huey.pending_count)
    queue.periodic(crontab(minute="*"), tasks.heartbeat)
