"""GET /api/v1/hearings.ics and /api/v1/hearings/<id>.ics, parsed back with icalendar field by field."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bff.platform.dates import format_datetime, parse_instant
from bff.platform.text import digits

TEHRAN = ZoneInfo("Asia/Tehran")


def calendar_of(response) -> Calendar:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_has_one_event_per_upcoming_hearing_field_by_field(signed_in):
    client = signed_in()
    hearings = client.get("/api/v1/hearings").get_json()["hearings"]
    response = client.get("/api/v1/hearings.ics")
    assert response.headers["Content-Disposition"] == 'attachment; filename="hearings.ics"'
    calendar = calendar_of(response)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "جلسه‌های رسیدگی — همراه قضایی"
    events = calendar.walk("VEVENT")
    assert len(events) == len(hearings) > 0
    for event, hearing in zip(events, hearings, strict=True):
        starts = parse_instant(hearing["starts_at"])
        assert str(event["UID"]) == f"hearing-{hearing['id']}@localhost"
        assert event.start == starts and event.end == parse_instant(hearing["ends_at"])
        assert event.start.tzinfo.key == "Asia/Tehran"  # Tehran wall-clock time, not UTC
        assert event["DTSTART"].to_ical().decode() == starts.astimezone(TEHRAN).strftime("%Y%m%dT%H%M%S")
        assert event["DTSTART"].params["TZID"] == "Asia/Tehran"
        assert int(event["SEQUENCE"]) == hearing["version"] - 1
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["SUMMARY"]) == f"جلسه رسیدگی: {hearing['title']}"
        assert str(event["LOCATION"]) == hearing["address"]
        description = str(event["DESCRIPTION"])
        assert hearing["branch"] in description and hearing["room"] in description
        assert digits(hearing["case_number"]) in description
        assert format_datetime(starts) in description
        assert str(event["URL"]) == f"http://localhost:5000/cases/{hearing['case_id']}"
        assert isinstance(event["DTSTAMP"].dt, datetime)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tehran"]


def test_moved_hearing_keeps_its_uid_and_bumps_sequence(signed_in, sandbox):
    client = signed_in()
    first = client.get("/api/v1/hearings").get_json()["hearings"][0]
    before = events_by_uid(calendar_of(client.get("/api/v1/hearings.ics")))[f"hearing-{first['id']}@localhost"]
    moved_to = parse_instant(first["starts_at"]) + timedelta(days=2, hours=1)
    response = sandbox.control("PATCH", f"hearings/{first['id']}",
                               json={"starts_at": moved_to.strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert response.status_code == 200
    after = events_by_uid(calendar_of(client.get("/api/v1/hearings.ics")))[f"hearing-{first['id']}@localhost"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1 == 1
    assert after.start == moved_to
    assert after.end - after.start == before.end - before.start


def test_cancelled_hearing_stays_in_the_calendar_as_cancelled(signed_in, sandbox):
    client = signed_in()
    first = client.get("/api/v1/hearings").get_json()["hearings"][0]
    assert sandbox.control("PATCH", f"hearings/{first['id']}", json={"status": "cancelled"}).status_code == 200
    event = events_by_uid(calendar_of(client.get("/api/v1/hearings.ics")))[f"hearing-{first['id']}@localhost"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["SUMMARY"]) == f"لغو شد — جلسه رسیدگی: {first['title']}"


def test_one_hearing_calendar_holds_only_that_hearing(signed_in):
    client = signed_in()
    hearings = client.get("/api/v1/hearings").get_json()["hearings"]
    target = hearings[-1]
    response = client.get(f"/api/v1/hearings/{target['id']}.ics")
    assert response.headers["Content-Disposition"] == f'attachment; filename="hearing-{target["id"]}.ics"'
    events = calendar_of(response).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"hearing-{target['id']}@localhost"]


def test_one_hearing_calendar_is_404_for_a_hearing_that_is_not_yours(signed_in, sandbox, foreign_case):
    client = signed_in()
    foreign = [h["id"] for h in foreign_case["hearings"]]
    assert foreign
    for hearing_id in (foreign[0], "h-999999"):
        response = client.get(f"/api/v1/hearings/{hearing_id}.ics")
        assert response.status_code == 404 and response.get_json()["code"] == "not_found"


def test_calendar_uids_are_the_same_for_every_party(signed_in, shared_case):
    case, first, second = shared_case
    uids = []
    for citizen in (first, second):
        events = calendar_of(signed_in(citizen).get("/api/v1/hearings.ics")).walk("VEVENT")
        uids.append({str(e["UID"]) for e in events if case["id"] in str(e["URL"])})
    assert uids[0] and uids[0] == uids[1]


def test_calendar_is_built_from_the_kept_copy_while_the_core_is_down(signed_in, sandbox):
    client = signed_in()
    fresh = events_by_uid(calendar_of(client.get("/api/v1/hearings.ics")))
    sandbox.set_faults(down=True)
    stale = events_by_uid(calendar_of(client.get("/api/v1/hearings.ics")))
    assert stale.keys() == fresh.keys()
    assert all(stale[uid]["DTSTAMP"].dt == fresh[uid]["DTSTAMP"].dt for uid in fresh)


def test_calendar_speaks_english_when_asked(signed_in):
    client = signed_in()
    hearing = client.get("/api/v1/hearings").get_json()["hearings"][0]
    response = client.get(f"/api/v1/hearings/{hearing['id']}.ics", headers={"Accept-Language": "en"})
    event = calendar_of(response).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"Hearing: {hearing['title']}"
    assert hearing["case_number"] in str(event["DESCRIPTION"])
    assert format_datetime(parse_instant(hearing["starts_at"]), "en") in str(event["DESCRIPTION"])


def test_calendar_without_upcoming_hearings_is_an_empty_valid_calendar(signed_in, sandbox):
    client = signed_in()
    for hearing in client.get("/api/v1/hearings").get_json()["hearings"]:
        past = (datetime.now(UTC) - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"starts_at": past}).status_code == 200
    calendar = calendar_of(client.get("/api/v1/hearings.ics"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]).startswith("-//Hamrah Ghazaei//")
