"""What every domain's tasks module needs: the Huey instance and a decorator that supplies the app."""

from __future__ import annotations

import functools
import threading

from flask import has_app_context

from bff.extensions import huey

_app = None
_app_lock = threading.Lock()


def worker_app():
    """The worker's own app, built once per process even when its first tasks start together."""
    global _app
    if _app is None:
        with _app_lock:  # a thread-type consumer starts several tasks at once; create_app() is not reentrant
            if _app is None:
                from bff import create_app

                _app = create_app()
    return _app


def app_context(fn):
    """Run ``fn`` in the current app context, or in the worker's own app built on first use."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return fn(*args, **kwargs)
        with worker_app().app_context():
            return fn(*args, **kwargs)

    return wrapper


__all__ = ["app_context", "huey", "worker_app"]
