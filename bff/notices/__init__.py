"""Electronic notices (ابلاغیه الکترونیک): listed, opened (which is their legal receipt), documents streamed."""

from __future__ import annotations

from flask import Flask

from bff.notices import routes
from bff.platform import limits
from bff.platform.api import api


def init_app(app: Flask) -> None:
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
