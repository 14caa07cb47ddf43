"""Getting the registry in: sync from the core, import of an operator's CSV/JSON file, the holiday table.

One rule for every way in: each row is checked on its own; a bad row is reported with where it was
(line of the file, or item of the core's list) and skipped; the good rows are applied in one transaction,
so a failure half-way leaves the table as it was. A sync also deactivates the offices that are no
longer in the registry (never one whose row was merely invalid).
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import logging
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select

from bff.core_client import core
from bff.offices.directory import directory_cache
from bff.offices.models import Holiday, Office, OfficeRegistry
from bff.offices.rows import RowError, parse_office
from bff.platform import clock
from bff.platform.db import db
from bff.platform.text import normalise_persian

log = logging.getLogger(__name__)

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.json"


class RegistryRefused(Exception):
    """The input as a whole is unusable (nothing valid in a full registry): nothing was changed."""


@dataclass
class Skipped:
    where: str
    code: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.where}{f' (code {self.code})' if self.code else ''}: {self.reason}"


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    not_modified: bool = False
    revision: str | None = None
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)

    def summary(self) -> str:
        if self.not_modified:
            return "registry unchanged since the last sync (304)"
        return (f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.deactivated} deactivated, {len(self.skipped)} skipped")

    def as_dict(self) -> dict:
        return {"source": self.source, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "deactivated": self.deactivated, "not_modified": self.not_modified,
                "revision": self.revision, "skipped": [str(s) for s in self.skipped]}


# -- applying a registry ----------------------------------------------------------------------------

def apply_registry(rows: list[tuple[str, object]], *, source: str, deactivate_missing: bool,
                   core_etag: str | None = None, sample: bool = False,
                   now: datetime | None = None) -> ImportReport:
    """Upsert the valid rows (and with ``deactivate_missing``, retire offices absent from ``rows``), in one
    transaction. ``rows`` are (where, raw) pairs; ``where`` names the row in reports ("line 12")."""
    now = now or clock.utcnow()
    report = ImportReport(source=source)
    valid, seen = _checked_rows(rows, report)
    if deactivate_missing and not valid:
        raise RegistryRefused("no valid office in the registry; nothing was changed")
    try:
        _upsert(valid, report, now)
        if deactivate_missing:
            _deactivate_missing(seen, report, now)
        _record_revision(report, source=source, sample=sample, core_etag=core_etag, now=now)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _changed()
    log.info("office registry applied", extra={"fields": {**report.as_dict(), "skipped": len(report.skipped)}})
    for skipped in report.skipped:
        log.warning("office row skipped", extra={"fields": {"source": source, "row": str(skipped)}})
    return report


def _checked_rows(rows: list[tuple[str, object]], report: ImportReport) -> tuple[dict[str, dict], set[str]]:
    """The valid rows by code, and every code present (valid or not: an invalid row never deactivates)."""
    valid: dict[str, dict] = {}
    seen: set[str] = set()
    for where, raw in rows:
        code = raw.get("code") if isinstance(raw, dict) else None
        code = normalise_persian(str(code)).strip() if code not in (None, "") else None
        try:
            office = parse_office(raw)
            if office["code"] in valid:
                raise RowError("the same code appears on an earlier row")
        except RowError as exc:
            report.skipped.append(Skipped(where, code, str(exc)))
            if code:
                seen.add(code)  # present but invalid: keep what we have, never deactivate it for this
            continue
        valid[office["code"]] = office
        seen.add(office["code"])
    return valid, seen


def _upsert(valid: dict[str, dict], report: ImportReport, now: datetime) -> None:
    existing = {o.code: o for o in db.session.scalars(select(Office))}
    for code, fields in valid.items():
        office = existing.get(code)
        if office is None:
            db.session.add(Office(**fields, created_at=now, updated_at=now, deactivated_at=None))
            report.created += 1
        elif office.deactivated_at is not None or any(getattr(office, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(office, key, value)
            office.updated_at = now
            office.deactivated_at = None
            report.updated += 1
        else:
            report.unchanged += 1


def _deactivate_missing(seen: set[str], report: ImportReport, now: datetime) -> None:
    for office in db.session.scalars(select(Office).where(Office.deactivated_at.is_(None))):
        if office.code not in seen:
            office.deactivated_at = now
            office.updated_at = now
            report.deactivated += 1


def _record_revision(report: ImportReport, *, source: str, sample: bool, core_etag: str | None,
                     now: datetime) -> None:
    registry = db.session.get(OfficeRegistry, 1)
    if registry is None:
        registry = OfficeRegistry(id=1, revision="", source=source, changed_at=now)
        db.session.add(registry)
    if report.changed or not registry.revision:
        registry.revision = uuid.uuid4().hex
        registry.changed_at = now
    registry.source = source
    registry.sample = sample
    # The core is the source of truth: after an operator's import the next sync fetches it whole again.
    registry.core_etag = core_etag if source == "core" else None
    if source == "core":
        registry.synced_at = now
    db.session.flush()
    registry.office_count = db.session.query(Office).filter(Office.deactivated_at.is_(None)).count()
    report.revision = registry.revision


def _changed() -> None:
    """Tell this process's directory to look at the revision now (other processes see it within seconds)."""
    cache = directory_cache.find()
    if cache is not None:
        cache.invalidate()


def sync_from_core(*, force: bool = False) -> ImportReport:
    """Pull the registry from the core with the service credential (If-None-Match unless ``force``)."""
    registry = db.session.get(OfficeRegistry, 1)
    etag = registry.core_etag if registry is not None and not force else None
    fetched = core().registry.offices(etag=etag)
    if fetched is None and registry is not None:
        registry.synced_at = clock.utcnow()
        db.session.commit()
        return ImportReport(source="core", not_modified=True, revision=registry.revision)
    rows = [(f"item {n}", raw) for n, raw in enumerate(fetched.rows, 1)]
    return apply_registry(rows, source="core", deactivate_missing=True, core_etag=fetched.etag, sample=fetched.sample)


# -- files ------------------------------------------------------------------------------------------

def read_rows(path: Path) -> tuple[list[tuple[str, object]], bool]:
    """The rows of an operator's file with their line numbers, and whether it says it is sample data.

    JSON: a list of offices, or an object with ``offices`` (the core's shape). CSV: a header row with the
    field names; ``services`` separated by ``;``, ``hours`` as JSON text.
    """
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _csv_rows(text), False
    return _json_rows(text)


def _csv_rows(text: str) -> list[tuple[str, object]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in ("code", "name", "kind", "lat", "lon") if name not in (reader.fieldnames or [])]
    if missing:
        raise RegistryRefused(f"the CSV header lacks {', '.join(missing)}")
    rows = []
    line = reader.line_num
    for record in reader:
        rows.append((f"line {line + 1}", {key: value for key, value in record.items() if key is not None}))
        line = reader.line_num
    return rows


class _PositionDecoder(json.JSONDecoder):
    """A JSON decoder that remembers where each object starts, to name a bad row by its line."""

    def __init__(self):
        super().__init__()
        self.starts: dict[int, int] = {}

        def parse_object(s_and_end, *args):
            obj, end = json.decoder.JSONObject(s_and_end, *args)
            self.starts[id(obj)] = s_and_end[1] - 1
            return obj, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)


def _json_rows(text: str) -> tuple[list[tuple[str, object]], bool]:
    decoder = _PositionDecoder()
    try:
        data = decoder.decode(text)
    except ValueError as exc:
        raise RegistryRefused(f"not valid JSON: {exc}") from None
    offices = data.get("offices") if isinstance(data, dict) else data
    if not isinstance(offices, list):
        raise RegistryRefused("expected a list of offices, or an object with \"offices\"")
    line_starts = [0] + [n + 1 for n, char in enumerate(text) if char == "\n"]
    rows = []
    for n, raw in enumerate(offices, 1):
        start = decoder.starts.get(id(raw))
        where = f"line {bisect_right(line_starts, start)}" if start is not None else f"item {n}"
        rows.append((where, raw))
    return rows, bool(isinstance(data, dict) and data.get("sample"))


def import_file(path: Path, *, replace: bool = False) -> ImportReport:
    """Import an operator's file; with ``replace``, offices not in the file are deactivated."""
    rows, sample = read_rows(path)
    return apply_registry(rows, source="import", deactivate_missing=replace, sample=sample)


# -- holidays ---------------------------------------------------------------------------------------

def load_holidays(path: Path = HOLIDAYS_FILE) -> int:
    """Replace the holiday table with the file's entries (one row per occasion); returns how many."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [Holiday(date=date.fromisoformat(h["date"]), title_fa=h["title_fa"], title_en=h["title_en"],
                    approximate=bool(h.get("approximate", False))) for h in data["holidays"]]
    try:
        db.session.execute(delete(Holiday))
        db.session.add_all(rows)
        registry = db.session.get(OfficeRegistry, 1)
        if registry is not None:  # open-now answers depend on the holidays: rebuild every directory
            registry.revision = uuid.uuid4().hex
            registry.changed_at = clock.utcnow()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _changed()
    return len(rows)
