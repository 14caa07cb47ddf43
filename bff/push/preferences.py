"""A citizen's notification choices, their defaults, and what quiet hours do to a reminder's time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, time, timedelta

from bff.platform import clock
from bff.platform.dates import TEHRAN
from bff.platform.db import db
from bff.platform.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bff.push.models import TOPICS, PushPreference

DEFAULT_LEAD_TIMES = [72, 24, 2]  # hours before a hearing
LEAD_TIME_CHOICES = (168, 72, 48, 24, 12, 6, 2, 1)
DEFAULT_QUIET_START, DEFAULT_QUIET_END = "22:00", "07:00"  # Tehran time


@dataclass
class Preferences:
    topics: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(TOPICS, True))
    lead_times: list[int] = field(default_factory=lambda: list(DEFAULT_LEAD_TIMES))
    quiet_start: str | None = DEFAULT_QUIET_START
    quiet_end: str | None = DEFAULT_QUIET_END
    show_details: bool = False  # off: the lock screen only learns that something new arrived
    language: str = DEFAULT_LANGUAGE

    def wants(self, topic: str) -> bool:
        """Whether the citizen wants pushes of ``topic`` (test pushes always go)."""
        return self.topics.get(topic, True) if topic in TOPICS else True

    @property
    def quiet_hours(self) -> tuple[time, time] | None:
        if not self.quiet_start or not self.quiet_end or self.quiet_start == self.quiet_end:
            return None
        return time.fromisoformat(self.quiet_start), time.fromisoformat(self.quiet_end)

    def as_json(self) -> dict:
        data = asdict(self)
        data["quiet_hours"] = ({"start": self.quiet_start, "end": self.quiet_end} if self.quiet_hours else None)
        del data["quiet_start"], data["quiet_end"]
        return data


def preferences_of(sub: str) -> Preferences:
    row = db.session.get(PushPreference, sub)
    if row is None:
        return Preferences()
    topics = {topic: bool(row.topics.get(topic, True)) for topic in TOPICS}
    return Preferences(topics=topics, lead_times=sorted({int(h) for h in row.lead_times}, reverse=True),
                       quiet_start=row.quiet_start, quiet_end=row.quiet_end, show_details=row.show_details,
                       language=row.language if row.language in LANGUAGES else DEFAULT_LANGUAGE)


def save_preferences(sub: str, prefs: Preferences) -> Preferences:
    """Store ``prefs`` (the caller commits)."""
    row = db.session.get(PushPreference, sub) or PushPreference(sub=sub)
    row.topics = {topic: bool(prefs.topics.get(topic, True)) for topic in TOPICS}
    row.lead_times = sorted({int(h) for h in prefs.lead_times}, reverse=True)
    row.quiet_start, row.quiet_end = prefs.quiet_start, prefs.quiet_end
    row.show_details = prefs.show_details
    row.language = prefs.language
    row.updated_at = clock.utcnow()
    db.session.add(row)
    return prefs


def remember_language(sub: str, language: str) -> None:
    """Keep the language a citizen uses the app in, so their pushes speak it (the caller commits)."""
    if language not in LANGUAGES:
        return
    prefs = preferences_of(sub)
    if prefs.language != language or db.session.get(PushPreference, sub) is None:
        prefs.language = language
        save_preferences(sub, prefs)


def quiet_until(instant: datetime, quiet: tuple[time, time] | None) -> datetime | None:
    """The end of the quiet period ``instant`` falls in (Tehran time), or None when it is not quiet."""
    if quiet is None:
        return None
    start, end = quiet
    local = instant.astimezone(TEHRAN)
    moment = local.time()
    if start < end:
        inside, end_day = start <= moment < end, local.date()
    else:  # across midnight, e.g. 22:00–07:00
        inside = moment >= start or moment < end
        end_day = local.date() if moment < end else local.date() + timedelta(days=1)
    if not inside:
        return None
    return datetime.combine(end_day, end, tzinfo=TEHRAN).astimezone(UTC)


def reminder_time(hearing_starts_at: datetime, lead_hours: int, prefs: Preferences) -> datetime:
    """When the ``lead_hours`` reminder goes: in quiet hours it waits for their end, unless the hearing
    starts first (then a reminder in the night beats none)."""
    due = hearing_starts_at - timedelta(hours=lead_hours)
    end = quiet_until(due, prefs.quiet_hours)
    if end is not None and end < hearing_starts_at:
        return end
    return due
