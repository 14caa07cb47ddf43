"""Per-app services reached through one typed accessor instead of ``current_app.extensions["…"]``.

A room declares what it keeps per app once (``core = PerApp[CoreClient]("core")``), sets it in its
``init_app`` (``core.set(app, CoreClient(...))``) and reads it where needed (``core().cases.get(...)``).
The name is the key in ``app.extensions``; the type is what readers get.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from flask import Flask, current_app

T = TypeVar("T")


class PerApp(Generic[T]):
    """One service of each app, typed; ``accessor()`` returns the current app's."""

    def __init__(self, name: str):
        self.name = name

    def set(self, app: Flask, value: T) -> T:
        app.extensions[self.name] = value
        return value

    def __call__(self) -> T:
        return self.of(current_app)

    def of(self, app: Flask) -> T:
        """This service of ``app`` (outside a request or task: tests, commands)."""
        try:
            return app.extensions[self.name]
        except KeyError:
            raise LookupError(f"{self.name!r} is not set up on this app (see its room's init_app)") from None

    def find(self) -> T | None:
        """The current app's, or None when this app has none (an optional service)."""
        return current_app.extensions.get(self.name)

    def __repr__(self) -> str:
        return f"PerApp({self.name!r})"
