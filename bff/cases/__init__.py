"""The citizen's cases, their timelines and hearings, kept per citizen so they stay readable when the core is down."""

from __future__ import annotations

from flask import Flask
from huey import crontab

from bff import queue
from bff.cases import hooks, routes, tasks
from bff.platform import limits, signals
from bff.platform.api import api


def init_app(app: Flask) -> None:
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
    signals.citizen_signed_out.connect(hooks.forget_at_sign_out)
    signals.erase_requested.connect(hooks.erase_kept_copies)
    queue.periodic(crontab(minute="23"), tasks.prune_case_snapshots)
