"""Hearings as an RFC 5545 calendar: stable UIDs, SEQUENCE from the core's version, Tehran time.

A calendar app that imports the file again updates its events instead of adding copies: the UID of a
hearing never changes, SEQUENCE grows when the core moves or cancels it, and a cancelled hearing stays
in the file with STATUS:CANCELLED so the app removes it from the day.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from bff.platform import config
from bff.platform.dates import TEHRAN, format_datetime, parse_instant
from bff.platform.i18n import t
from bff.platform.text import digits

PRODID = "-//Hamrah Ghazaei//Hearings 1.0//FA"


def _base_url() -> str:
    return config.settings().public_base_url.rstrip("/")


def hearing_uid(hearing_id: str) -> str:
    """The same for a hearing in every export, whoever exports it (the hearing is the same event)."""
    return f"hearing-{hearing_id}@{urlsplit(_base_url()).hostname or 'hamrah-ghazaei'}"


def hearing_event(hearing: dict, *, stamp: datetime, lang: str) -> Event:
    starts = parse_instant(hearing["starts_at"])
    ends = parse_instant(hearing["ends_at"])
    cancelled = hearing["status"] == "cancelled"
    number = digits(hearing["case_number"], lang)
    description = "\n".join([
        hearing["branch"],
        t("cases.calendar.room", lang, room=hearing["room"]),
        t("cases.calendar.case_number", lang, number=number),
        t("cases.calendar.when", lang, when=format_datetime(starts, lang)),
        f"{_base_url()}/cases/{hearing['case_id']}",
    ])
    return Event.new(
        uid=hearing_uid(hearing["id"]),
        sequence=max(0, int(hearing["version"]) - 1),
        stamp=stamp,
        start=starts.astimezone(TEHRAN),
        end=ends.astimezone(TEHRAN),
        summary=t("cases.calendar.summary_cancelled" if cancelled else "cases.calendar.summary", lang,
                  title=hearing["title"]),
        location=hearing["address"],
        description=description,
        status="CANCELLED" if cancelled else "CONFIRMED",
        url=f"{_base_url()}/cases/{hearing['case_id']}",
    )


def hearings_calendar(hearings: list[dict], *, owner: str, stamp: datetime, lang: str) -> bytes:
    """The calendar file of ``hearings`` (HearingListItem shapes); ``owner`` makes its own UID stable."""
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=t("cases.calendar.name", lang),
        uid=uuid.uuid5(uuid.NAMESPACE_URL, f"{_base_url()}/api/v1/hearings.ics#{owner}"),
        subcomponents=[hearing_event(hearing, stamp=stamp, lang=lang) for hearing in hearings],
    )
    calendar.add("X-WR-TIMEZONE", "Asia/Tehran")
    if hearings:
        days = [parse_instant(h["starts_at"]).date() for h in hearings]
        calendar.add_missing_timezones(first_date=min(days) - timedelta(days=1),
                                       last_date=max(days) + timedelta(days=2))
    return calendar.to_ical()
