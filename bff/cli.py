"""`flask` commands of the BFF (besides `flask db …` from Flask-Migrate)."""

from __future__ import annotations

import click
from flask import Flask

from bff.ops import service as ops


def register_commands(app: Flask) -> None:
    from bff.offices.cli import offices_cli
    from bff.push.cli import push_cli

    app.cli.add_command(offices_cli)
    app.cli.add_command(push_cli)

    @app.cli.command("heartbeat")
    def heartbeat() -> None:
        """Record a worker heartbeat now and prune old ones (what the periodic task does)."""
        pruned = ops.record_heartbeat()
        click.echo(f"heartbeat recorded; {pruned} old heartbeat(s) pruned")
