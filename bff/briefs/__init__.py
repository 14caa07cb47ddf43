"""Briefs (لایحه) submitted from the phone: accepted once per Idempotency-Key, stored, forwarded to the core.

The path of a brief: routes.py (the view accepts it through service.py and queues its forwarding) →
forwarding.py (the outbox task: lease, send, record) → bff.core_client.briefs (the core's POST).
"""

from __future__ import annotations

from flask import Flask
from huey import crontab

from bff import queue
from bff.briefs import hooks, routes, tasks
from bff.briefs.models import Brief
from bff.platform import limits, metrics, signals
from bff.platform.api import api


def init_app(app: Flask) -> None:
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
    signals.citizen_signed_in.connect(hooks.forward_waiting_briefs)
    signals.citizen_signing_out.connect(hooks.forward_before_sign_out)
    metrics.count_by_status("hamrah_briefs", "Briefs by status", Brief)
    queue.periodic(crontab(minute="*"), tasks.sweep_pending_briefs)
    queue.periodic(crontab(hour="2", minute="30"), tasks.delete_expired_brief_files)
