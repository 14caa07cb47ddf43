"""Opening hours: is an office open now, and when does that change — in Tehran time, with the holidays.

Weekly hours are ``{"sat": [["08:00", "14:00"], ["16:30", "19:30"]], …, "fri": []}``. An interval whose
end is not after its start runs past midnight into the next day (``["20:00", "02:00"]``); ``"24:00"`` is
the end of the day. An interval belongs to the day it starts on: on a holiday (a Tehran date in the
holiday table) none of that day's intervals happen, while a shift that began the evening before runs on.

The PWA computes the same thing on the device (``pwa/src/features/offices/hours.js``); both are held to the cases in
``tests/fixtures/office_hours.json``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from bff.platform.dates import TEHRAN

WEEKDAYS = ("sat", "sun", "mon", "tue", "wed", "thu", "fri")
# date.weekday(): Monday = 0 … Sunday = 6.
_BY_PYTHON_WEEKDAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY = 1440
# How far ahead the next opening is looked for (Nowruz and a weekend fit many times over).
HORIZON_DAYS = 14
_HHMM = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")

# Compiled weekly hours: per Python weekday, (start, end) in minutes from that day's midnight, end > start.
Schedule = tuple[tuple[tuple[int, int], ...], ...]


def minutes(text: str) -> int:
    match = _HHMM.match(text)
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def validate_hours(raw) -> dict[str, list[list[str]]]:
    """The weekly hours in canonical form (every weekday, intervals sorted); ValueError says what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("hours must be an object of weekdays")
    unknown = set(raw) - set(WEEKDAYS)
    if unknown:
        raise ValueError(f"unknown weekday(s) in hours: {', '.join(sorted(unknown))}")
    canonical: dict[str, list[list[str]]] = {}
    for day in WEEKDAYS:
        intervals = raw.get(day) or []
        if not isinstance(intervals, list):
            raise ValueError(f"hours.{day} must be a list of [start, end]")
        parsed = []
        for interval in intervals:
            if not (isinstance(interval, list | tuple) and len(interval) == 2
                    and all(isinstance(part, str) for part in interval)):
                raise ValueError(f"hours.{day}: each interval is [\"HH:MM\", \"HH:MM\"]")
            start, end = minutes(interval[0]), minutes(interval[1])
            if start == DAY:
                raise ValueError(f"hours.{day}: an interval cannot start at 24:00")
            if start == end:
                raise ValueError(f"hours.{day}: an interval cannot start and end at {interval[0]}")
            parsed.append((start, [interval[0], interval[1]]))
        canonical[day] = [text for _, text in sorted(parsed)]
    return canonical


def compile_hours(hours: dict[str, list[list[str]]]) -> Schedule:
    """Weekly hours → per Python weekday, (start, end) minutes with end > start (past midnight: end > 1440)."""
    days = []
    for name in _BY_PYTHON_WEEKDAY:
        spans = []
        for start_text, end_text in hours.get(name) or []:
            start, end = minutes(start_text), minutes(end_text)
            spans.append((start, end if end > start else end + DAY))
        days.append(tuple(spans))
    return tuple(days)


def open_state(schedule: Schedule, holidays: Collection[date], now: datetime, *,
               in_service: bool = True) -> tuple[bool, datetime | None]:
    """(open now?, the next instant that changes, in Tehran time, or None if not within the horizon).

    ``in_service`` False (temporarily closed) means closed, with no known reopening.
    """
    if not in_service:
        return False, None
    local = now.astimezone(TEHRAN)
    today = local.date()
    at = local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
    spans = []
    for offset in range(-1, HORIZON_DAYS + 1):
        day = today + timedelta(days=offset)
        if day in holidays:
            continue
        base = offset * DAY
        spans.extend((base + start, base + end) for start, end in schedule[day.weekday()])
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    horizon_end = (HORIZON_DAYS + 1) * DAY
    for start, end in merged:
        if start <= at < end:
            return True, (None if end >= horizon_end else _instant(today, end))
        if start > at:
            return False, _instant(today, start)
    return False, None


def _instant(today: date, minute: int) -> datetime:
    return datetime.combine(today, time(), tzinfo=TEHRAN) + timedelta(minutes=minute)


def weekday_name(day: date) -> str:
    return _BY_PYTHON_WEEKDAY[day.weekday()]
