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
import math
import re
import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select

from bff.extensions import db
from bff.offices.catalog import KINDS, PROVINCES, SERVICES, STATUSES
from bff.offices.hours import validate_hours
from bff.offices.models import Holiday, Office, OfficeRegistry
from bff.text import clean_line, normalise_persian

log = logging.getLogger(__name__)

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.json"
REGISTRY_PATH = "/core/v1/offices"
FIELDS = ("code", "name", "kind", "counters", "province", "county", "city", "district", "address", "postal_code",
          "phone", "lat", "lon", "services", "hours", "status", "accessibility")
_CODE = re.compile(r"^[A-Za-z0-9-]{1,16}$")
_PHONE = re.compile(r"^[0-9+\-() ]{0,40}$")
_LIST_SEPARATORS = re.compile(r"[;,|\s]+")


class RowError(ValueError):
    """Why one row of the registry cannot be used."""


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


def utcnow() -> datetime:
    return datetime.now(UTC)


# -- one row ----------------------------------------------------------------------------------------

def _text(raw: dict, name: str, *, required: bool = False, max_length: int = 200) -> str:
    value = raw.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise RowError(f"{name} must be text")
    value = clean_line(str(value))
    if required and not value:
        raise RowError(f"{name} is required")
    if len(value) > max_length:
        raise RowError(f"{name} is longer than {max_length} characters")
    return value


def _number(raw: dict, name: str, low: float, high: float) -> float:
    value = raw.get(name)
    if isinstance(value, str):
        value = normalise_persian(value).strip().replace("\u066b", ".")  # the Persian decimal separator
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} must be a number") from None
    if isinstance(value, bool) or not math.isfinite(number) or not low <= number <= high:
        raise RowError(f"{name} must be between {low:g} and {high:g}")
    return round(number, 6)  # 0.1 m: what is stored, served and bundled, identically


def _services(raw: dict) -> list[str]:
    value = raw.get("services")
    if isinstance(value, str):
        value = [part for part in _LIST_SEPARATORS.split(value.strip()) if part]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise RowError("services must be a list of service codes")
    unknown = sorted(set(value) - set(SERVICES))
    if unknown:
        raise RowError(f"unknown service(s): {', '.join(unknown)}")
    return [s for s in SERVICES if s in value]


def _hours(raw: dict) -> dict:
    value = raw.get("hours")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise RowError("hours must be JSON: {\"sat\": [[\"08:00\", \"14:00\"]], …}") from None
    try:
        return validate_hours(value)
    except ValueError as exc:
        raise RowError(str(exc)) from None


def parse_office(raw) -> dict:
    """A registry row as the Office columns, normalised; RowError says what is wrong."""
    if not isinstance(raw, dict):
        raise RowError("not an object")
    code = normalise_persian(str(raw.get("code") or "")).strip()
    if not _CODE.match(code):
        raise RowError("code must be 1–16 letters, digits or dashes")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RowError(f"kind must be one of {', '.join(KINDS)}")
    try:
        counters = int(normalise_persian(str(raw.get("counters"))).strip())
    except ValueError:
        raise RowError("counters must be a whole number") from None
    if counters < 1 or (kind == "independent" and counters < 2):
        raise RowError("counters must be at least 1 (at least 2 for an independent office)")
    province = raw.get("province")
    if province not in PROVINCES:
        raise RowError("province is not one of the 31 province codes")
    status = raw.get("status") or "active"
    if status not in STATUSES:
        raise RowError(f"status must be one of {', '.join(STATUSES)}")
    postal_code = _text(raw, "postal_code", max_length=10).replace(" ", "").replace("-", "")
    if postal_code and not (len(postal_code) == 10 and postal_code.isascii() and postal_code.isdigit()):
        raise RowError("postal_code must be 10 digits")
    phone = _text(raw, "phone", max_length=40)
    if not _PHONE.match(phone):
        raise RowError("phone may contain only digits, spaces, +, - and parentheses")
    city = _text(raw, "city", required=True, max_length=100)
    return {
        "code": code,
        "name": _text(raw, "name", required=True),
        "kind": kind,
        "counters": counters,
        "province": province,
        "county": _text(raw, "county", max_length=100) or city,
        "city": city,
        "district": _text(raw, "district", max_length=100),
        "address": _text(raw, "address", required=True, max_length=500),
        "postal_code": postal_code,
        "phone": phone,
        "lat": _number(raw, "lat", -90, 90),
        "lon": _number(raw, "lon", -180, 180),
        "services": _services(raw),
        "hours": _hours(raw),
        "status": status,
        "accessibility": _text(raw, "accessibility", max_length=500),
    }


# -- applying a registry ----------------------------------------------------------------------------

def apply_registry(rows: list[tuple[str, object]], *, source: str, deactivate_missing: bool,
                   core_etag: str | None = None, sample: bool = False,
                   now: datetime | None = None) -> ImportReport:
    """Upsert the valid rows (and with ``deactivate_missing``, retire offices absent from ``rows``), in one
    transaction. ``rows`` are (where, raw) pairs; ``where`` names the row in reports ("line 12")."""
    now = now or utcnow()
    report = ImportReport(source=source)
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
    if deactivate_missing and not valid:
        raise RegistryRefused("no valid office in the registry; nothing was changed")

    try:
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
        if deactivate_missing:
            for code, office in existing.items():
                if code not in seen and office.deactivated_at is None:
                    office.deactivated_at = now
                    office.updated_at = now
                    report.deactivated += 1
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
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _changed()
    log.info("office registry applied", extra={"fields": {**report.as_dict(), "skipped": len(report.skipped)}})
    for skipped in report.skipped:
        log.warning("office row skipped", extra={"fields": {"source": source, "row": str(skipped)}})
    return report


def _changed() -> None:
    """Tell this process's directory to look at the revision now (other processes see it within seconds)."""
    cache = current_app.extensions.get("offices")
    if cache is not None:
        cache.invalidate()


def sync_from_core(*, force: bool = False) -> ImportReport:
    """Pull the registry from the core with the service credential (If-None-Match unless ``force``)."""
    from bff.core_client import CoreBadResponse

    registry = db.session.get(OfficeRegistry, 1)
    headers = {}
    if registry is not None and registry.core_etag and not force:
        headers["If-None-Match"] = registry.core_etag
    response = current_app.extensions["core"].service("GET", REGISTRY_PATH, headers=headers)
    if response.status == 304 and registry is not None:
        registry.synced_at = utcnow()
        db.session.commit()
        return ImportReport(source="core", not_modified=True, revision=registry.revision)
    try:
        body = response.json()
    except ValueError:
        raise CoreBadResponse("the office registry is not JSON") from None
    offices = body.get("offices") if isinstance(body, dict) else None
    if not isinstance(offices, list):
        raise CoreBadResponse("the office registry has no list of offices")
    rows = [(f"item {n}", raw) for n, raw in enumerate(offices, 1)]
    return apply_registry(rows, source="core", deactivate_missing=True, core_etag=response.headers.get("ETag"),
                          sample=bool(body.get("sample")))


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
            registry.changed_at = utcnow()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _changed()
    return len(rows)
