"""`flask offices …`: sync the registry from the core, import an operator's file, reload the holidays."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from bff.core_client import CoreError
from bff.offices import registry

offices_cli = AppGroup("offices", help="The office registry: sync from the core, import a file, holidays.")


def _report(report: registry.ImportReport) -> None:
    click.echo(report.summary())
    for skipped in report.skipped:
        click.echo(f"skipped {skipped}", err=True)


@offices_cli.command("sync")
@click.option("--force", is_flag=True, help="Fetch the whole registry even if the core says it is unchanged.")
def sync(force: bool) -> None:
    """Pull the registry from the core (service credential); deactivate offices no longer in it."""
    try:
        report = registry.sync_from_core(force=force)
    except CoreError as exc:
        raise click.ClickException(f"the core could not be reached or answered badly: {exc}") from None
    except registry.RegistryRefused as exc:
        raise click.ClickException(str(exc)) from None
    _report(report)


@offices_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Deactivate offices that are not in the file.")
def import_(path: Path, replace: bool) -> None:
    """Import offices from a JSON (list, or {"offices": [...]}) or CSV file; bad rows are reported and skipped."""
    try:
        report = registry.import_file(path, replace=replace)
    except registry.RegistryRefused as exc:
        raise click.ClickException(str(exc)) from None
    _report(report)


@offices_cli.command("holidays")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def holidays(path: Path | None) -> None:
    """Replace the holiday table with a holidays JSON file (the shipped bff/offices/data/holidays.json by default)."""
    count = registry.load_holidays(path or registry.HOLIDAYS_FILE)
    click.echo(f"{count} holidays loaded")
