"""The office locator: the registry of judicial e-services offices, nearest/search/open-now, offline bundle."""

from __future__ import annotations

from flask import Flask
from huey import crontab

from bff import queue
from bff.offices import cli, routes, tasks
from bff.offices.directory import DirectoryCache, directory_cache
from bff.platform import config, limits
from bff.platform.api import api


def init_app(app: Flask) -> None:
    directory_cache.set(app, DirectoryCache(config.settings.of(app).offices_index_check_seconds))
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
    app.cli.add_command(cli.offices_cli)
    # 00:00 UTC is 03:30 in Tehran: the quietest hour. Retried (5xx, timeouts) for an hour, then tomorrow.
    queue.periodic(crontab(minute="0", hour="0"), tasks.sync_offices_daily, retries=6, retry_delay=600)
    queue.on_start(tasks.sync_offices_on_start)
