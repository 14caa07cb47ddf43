"""`flask push …`: make a VAPID key pair, send what is due, read the event feed once."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bff.push.delivery import deliver_due
from bff.push.feed import poll_once
from bff.push.vapid import VapidKey, generate_private_key, private_raw

push_cli = AppGroup("push", help="Web Push: VAPID keys, the event feed, the outbox.")


@push_cli.command("keys")
def keys() -> None:
    """Print a new VAPID key pair for VAPID_PRIVATE_KEY (keep the private key secret)."""
    key = generate_private_key()
    click.echo(f"VAPID_PRIVATE_KEY={private_raw(key)}")
    public = VapidKey(key, "mailto:unused@example.org").application_server_key
    click.echo(f"# public key (applicationServerKey): {public}")


@push_cli.command("deliver")
def deliver() -> None:
    """Fan out and send what is due now (what the worker does every second)."""
    click.echo(deliver_due(time_budget=30.0))


@push_cli.command("poll")
def poll() -> None:
    """Read the core's event feed once (the first run only stores the head as the cursor)."""
    click.echo(f"{poll_once()} event(s) handled")
