"""Court fees at the core: what a citizen owes (payment items) and the verified payments recorded for them.

The core routes live in `routes` (under /core/v1), the Python API for other parts of the sandbox in
`ledger`, the control routes (demo and test mode) in `control`.
"""

from __future__ import annotations

from flask import Flask


def register_payments(app: Flask) -> None:
    """The control routes of payment items; the core routes register with the core's blueprint."""
    from .control import bp

    app.register_blueprint(bp)
