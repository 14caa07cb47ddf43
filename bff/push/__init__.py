"""Web Push: devices, preferences, the notification outbox, the event-feed poller and the sender."""

from __future__ import annotations

from flask import Flask


def register_push(app: Flask) -> None:
    """The VAPID key and sender of this process, the API, the outbox hooks, other domains' signals."""
    from bff.extensions import api
    from bff.push import outbox, signals
    from bff.push.routes import bp
    from bff.push.sender import PushSender
    from bff.push.vapid import load_key

    settings = app.extensions["settings"]
    key = load_key(settings)
    app.extensions["vapid"] = key
    app.extensions["push_sender"] = PushSender(key, settings.push_timeout) if key else None
    api.register_blueprint(bp)
    outbox.register_session_hooks()
    signals.connect()
