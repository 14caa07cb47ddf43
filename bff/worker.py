"""What every domain's tasks module needs: the Huey instance and a decorator that supplies the app."""

from __future__ import annotations

import functools

from flask import has_app_context

from bff.extensions import huey

_app = None


def app_context(fn):
    """Run ``fn`` in the current app context, or in the worker's own app built on first use."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return fn(*args, **kwargs)
        global _app
        if _app is None:
            from bff import create_app

            _app = create_app()
        with _app.app_context():
            return fn(*args, **kwargs)

    return wrapper


__all__ = ["app_context", "huey"]
