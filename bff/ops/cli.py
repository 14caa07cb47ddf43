"""`flask heartbeat`: what the worker's periodic heartbeat does, by hand."""

from __future__ import annotations

import click

from bff.ops import service


@click.command("heartbeat")
def heartbeat() -> None:
    """Record a worker heartbeat now and prune old ones (what the periodic task does)."""
    pruned = service.record_heartbeat()
    click.echo(f"heartbeat recorded; {pruned} old heartbeat(s) pruned")
