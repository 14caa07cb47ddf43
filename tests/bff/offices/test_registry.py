"""Import and sync of the registry: upsert, deactivate the missing, bad rows named and skipped, all or nothing."""

import csv
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from bff.offices.models import Holiday, Office, OfficeRegistry
from bff.offices.registry import RegistryRefused, apply_registry, import_file, load_holidays
from bff.platform.db import db
from tests.support.offices import office_row


def _offices(app) -> dict[str, Office]:
    with app.app_context():
        return {o.code: o for o in db.session.scalars(select(Office))}


def _revision(app) -> str:
    with app.app_context():
        return db.session.get(OfficeRegistry, 1).revision


def test_a_new_office_is_created_then_left_alone_when_unchanged(add_offices, registry):
    first = add_offices(office_row("50000001"))
    revision = _revision(registry)
    again = add_offices(office_row("50000001"))
    assert (first.created, again.created, again.unchanged, again.updated) == (1, 0, 1, 0)
    assert _revision(registry) == revision  # nothing changed: no index rebuild anywhere


def test_a_changed_office_is_updated_and_the_revision_moves(add_offices, registry):
    add_offices(office_row("50000001", phone="021-1"))
    revision = _revision(registry)
    report = add_offices(office_row("50000001", phone="021-2"))
    assert report.updated == 1 and _offices(registry)["50000001"].phone == "021-2"
    assert _revision(registry) != revision


def test_a_sync_deactivates_offices_missing_from_the_registry(add_offices, registry):
    add_offices(office_row("50000001"), office_row("50000002"), deactivate_missing=True)
    report = add_offices(office_row("50000001"), deactivate_missing=True)
    assert report.deactivated == 1
    assert _offices(registry)["50000002"].deactivated_at is not None
    assert registry.test_client().get("/api/v1/offices/50000002").status_code == 404
    back = add_offices(office_row("50000001"), office_row("50000002"), deactivate_missing=True)
    assert back.updated == 1 and _offices(registry)["50000002"].deactivated_at is None


def test_an_invalid_row_never_deactivates_the_office_it_describes(add_offices, registry):
    add_offices(office_row("50000001"), office_row("50000002"), deactivate_missing=True)
    report = add_offices(office_row("50000001"), office_row("50000002", lat=95), deactivate_missing=True)
    assert report.deactivated == 0 and len(report.skipped) == 1
    assert _offices(registry)["50000002"].deactivated_at is None and _offices(registry)["50000002"].lat == 35.7


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("code", "a b", "code"),
    ("kind", "embassy", "kind"),
    ("counters", 1, "counters"),  # an independent office has at least two
    ("province", "atlantis", "province"),
    ("lat", "north", "lat"),
    ("lon", 200, "lon"),
    ("services", ["petition", "teleport"], "teleport"),
    ("hours", {"sat": [["9", "5"]]}, "HH:MM"),
    ("status", "closed_forever", "status"),
    ("postal_code", "123", "postal_code"),
    ("phone", "call me", "phone"),
    ("name", "", "name"),
])
def test_each_bad_field_skips_its_row_with_a_reason(add_offices, registry, field, value, reason):
    bad = office_row("50000010")
    bad[field] = value
    report = add_offices(office_row("50000009"), bad)
    assert report.created == 1
    [skipped] = report.skipped
    assert skipped.where == "item 2" and reason in skipped.reason
    assert set(_offices(registry)) == {"50000009"}


def test_a_duplicate_code_is_skipped(add_offices, registry):
    report = add_offices(office_row("50000001"), office_row("50000001", phone="021-9"))
    assert report.created == 1 and "earlier row" in report.skipped[0].reason
    assert _offices(registry)["50000001"].phone == "021-66700001"


def test_json_import_names_bad_rows_by_their_line(registry, tmp_path):
    rows = [office_row("60000001"), office_row("60000002", kind="embassy"), office_row("60000003")]
    path = tmp_path / "offices.json"
    path.write_text(json.dumps({"offices": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    text = path.read_text(encoding="utf-8").splitlines()
    expected_line = next(n for n, line in enumerate(text, 1) if '"60000002"' in line) - 1  # the object's "{"
    with registry.app_context():
        report = import_file(path)
    assert report.created == 2
    assert [(s.where, s.code) for s in report.skipped] == [(f"line {expected_line}", "60000002")]


def test_csv_import_with_services_and_hours_columns(registry, tmp_path):
    path = tmp_path / "offices.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "counters", "province", "county", "city", "district", "address",
                         "postal_code", "phone", "lat", "lon", "services", "hours", "status", "accessibility"])
        good = office_row("70000001")
        writer.writerow([good[k] for k in ("code", "name", "kind", "counters", "province", "county", "city",
                                           "district", "address", "postal_code", "phone", "lat", "lon")]
                        + ["brief; e_notice", json.dumps(good["hours"]), "active", "رمپ دارد"])
        writer.writerow(["70000002", "دفتر", "independent", "۰", "tehran", "", "تهران", "", "خیابان", "", "",
                         "۳۵٫۷", "51.4", "brief", "{}", "active", ""])
        writer.writerow(["70000004", "دفتر", "independent", "۳", "tehran", "", "تهران", "", "خیابان", "", "",
                         "۳۵٫۷", "۵۱٫۴", "brief", "{}", "active", ""])
        writer.writerow(["70000003", "دفتر", "independent", "3", "tehran", "", "تهران", "", "خیابان", "", "",
                         "35.7", "51.4", "brief", "not json", "active", ""])
    with registry.app_context():
        report = import_file(path)
    assert report.created == 2
    assert [(s.where, s.code) for s in report.skipped] == [("line 3", "70000002"), ("line 5", "70000003")]
    assert "counters" in report.skipped[0].reason and "hours" in report.skipped[1].reason
    persian = _offices(registry)["70000004"]
    assert (persian.counters, persian.lat, persian.lon) == (3, 35.7, 51.4)
    office = _offices(registry)["70000001"]
    assert office.services == ["brief", "e_notice"] and office.hours["sat"] == [["08:00", "14:00"]]
    assert office.accessibility == "رمپ دارد"


def test_nothing_is_half_imported_when_the_transaction_fails(add_offices, registry, monkeypatch):
    add_offices(office_row("80000001"))
    revision = _revision(registry)

    def fail():
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "flush", fail)
    with pytest.raises(RuntimeError):
        add_offices(office_row("80000001", phone="021-5"), office_row("80000002"), deactivate_missing=True)
    monkeypatch.undo()
    offices = _offices(registry)
    assert set(offices) == {"80000001"} and offices["80000001"].phone == "021-66700001"
    assert _revision(registry) == revision


def test_an_empty_or_all_bad_registry_is_refused_without_deactivating(add_offices, registry):
    add_offices(office_row("80000001"))
    with pytest.raises(RegistryRefused):
        add_offices(office_row("80000002", lat="x"), deactivate_missing=True)
    with pytest.raises(RegistryRefused):
        add_offices(deactivate_missing=True)
    assert _offices(registry)["80000001"].deactivated_at is None


def test_text_is_stored_normalised(add_offices, registry):
    add_offices(office_row("90000001", name="  دفتر  خدمات الكترونيك ", address="پلاك ۱۲ ", county="",
                           postal_code="۱۱۳۶۹۱۴۵۱۱", lat="35.70000049"))
    office = _offices(registry)["90000001"]
    assert office.name == "دفتر خدمات الکترونیک" and office.address == "پلاک 12"
    assert office.county == office.city and office.postal_code == "1136914511" and office.lat == 35.7


def test_holidays_are_one_row_per_occasion_and_reload_replaces_them(registry):
    with registry.app_context():
        total = db.session.scalar(select(func.count()).select_from(Holiday))
        nowruz = db.session.scalars(select(Holiday.title_fa).where(Holiday.date == date(2026, 3, 21))).all()
        assert total == load_holidays() == 57
        assert db.session.scalar(select(func.count()).select_from(Holiday)) == 57
    assert len(nowruz) == 2  # Nowruz and Eid al-Fitr on one day


def test_the_report_is_logged_and_summarised(add_offices, registry):
    report = add_offices(office_row("91000001"), office_row("91000002", kind="x"))
    assert report.summary() == "1 created, 0 updated, 0 unchanged, 0 deactivated, 1 skipped"
    assert report.as_dict()["skipped"] == ["item 2 (code 91000002): kind must be one of independent, single_counter, "
                                           "notary_hosted, eservice_hosted"]


def test_apply_registry_runs_without_a_previous_registry_row(registry):
    with registry.app_context():
        report = apply_registry([("item 1", office_row("92000001"))], source="import", deactivate_missing=False)
        assert db.session.get(OfficeRegistry, 1).source == "import" and report.revision
