"""Web Push: devices, preferences, the notification outbox, the event-feed poller and the sender."""

from __future__ import annotations

from flask import Flask
from huey import crontab

from bff import queue
from bff.platform import config, limits, metrics, signals
from bff.platform.api import api
from bff.push import cli, hooks, routes, tasks
from bff.push.models import Delivery
from bff.push.sender import PushSender, push_sender
from bff.push.vapid import load_key, vapid


def init_app(app: Flask) -> None:
    """The VAPID key and sender of this process, the API, the outbox hooks, other rooms' signals, the worker's
    push loop and housekeeping."""
    settings = config.settings.of(app)
    key = vapid.set(app, load_key(settings))
    push_sender.set(app, PushSender(key, settings.push_timeout) if key else None)
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
    app.cli.add_command(cli.push_cli)
    hooks.install_session_hooks()
    signals.erase_requested.connect(hooks.on_erase_requested)
    signals.brief_status_changed.connect(hooks.on_brief_status_changed)
    metrics.count_by_status("hamrah_push_deliveries", "Push deliveries by status", Delivery)
    queue.periodic(crontab(minute="*"), tasks.push_pump)
    queue.on_start(tasks.start_push_pump)
    queue.periodic(crontab(minute="23"), tasks.sync_subscribed_hearings)
    queue.periodic(crontab(hour="1", minute="41"), tasks.prune_push_history)
