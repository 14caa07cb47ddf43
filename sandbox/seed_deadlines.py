"""Sample data for legal deadlines: the kind of each seeded notice, citizens living abroad, and the
demo persona's notices of every kind with deadlines running, expired and not yet started.

It runs after the main generator with its own random stream, so the people, cases and notices the
generator made before stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import TYPE_CHECKING

from . import vocabulary as vocab
from .model import Case, Citizen, Notice
from .persian import persian_digits
from .seed import WORKING_WEEKDAYS, notice_body, tehran_instant

if TYPE_CHECKING:
    from .seed import _Generator

ABROAD_COUNT = 2
IN_ABSENTIA_TITLE = "ابلاغ دادنامه غیابی"


def add_deadline_samples(gen: _Generator) -> None:
    rng = random.Random(f"{gen.seed}:deadlines")
    _judgments_in_absentia(gen)
    _residents_abroad(gen, rng)
    _persona_samples(gen, rng)


def _working_day_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() not in WORKING_WEEKDAYS:
        day -= dt.timedelta(days=1)
    return day


def _make_in_absentia(notice: Notice, citizen: Citizen, case: Case) -> None:
    notice.kind = "judgment_in_absentia"
    notice.title = f"{IN_ABSENTIA_TITLE} — پرونده {persian_digits(case.case_number)}"
    notice.body = notice_body("judgment_in_absentia", citizen.name, case, None, random.Random(0))


def _judgments_in_absentia(gen: _Generator) -> None:
    """About half the civil judgments served on a defendant were given in their absence."""
    citizens = {c.sub: c for c in gen.citizens}
    for notice in gen.notices.values():
        case = gen.cases[notice.case_id]
        if notice.type != "decision" or vocab.PROSECUTOR in case.court.court:
            continue
        pick = int(hashlib.sha256(f"{gen.seed}:{notice.id}".encode()).hexdigest(), 16) % 2 == 0
        if case.role_of(notice.person) == "defendant" and pick:
            _make_in_absentia(notice, citizens[notice.person], case)


def _residents_abroad(gen: _Generator, rng: random.Random) -> None:
    candidates = [c for c in gen.citizens[1:] if not c.is_lawyer]
    for citizen in rng.sample(candidates, ABROAD_COUNT):
        citizen.resides_abroad = True
        for notice in gen.notices.values():
            if notice.person == citizen.sub:
                notice.addressee_resides_abroad = True


def _renumber(case: Case) -> None:
    case.timeline.sort(key=lambda entry: entry.at)
    for index, entry in enumerate(case.timeline, start=1):
        entry.id = f"{case.id}-t{index:02d}"


def _decided_case(gen: _Generator, subject: str, persona: Citizen, role: str) -> Case:
    """A decided case of the persona whose judgment was not served yet (the notice below serves it)."""
    case = gen._case(subject, persona, role, status="decided")
    case.timeline = [entry for entry in case.timeline if entry.type != "notice_served"]
    _renumber(case)
    return case


def _issue(gen: _Generator, case: Case, persona: Citizen, kind: str, days_before: int, at: tuple[int, int],
           opened: tuple[int, int, int] | None) -> Notice:
    """A persona notice issued on the working day `days_before` the anchor at (hour, minute), and
    opened `opened` = (days after issue, hour, minute) or not at all."""
    notice_type = "decision" if kind.startswith("judgment") else {"plain": "notice"}.get(kind, kind)
    anchor_start = tehran_instant(gen.anchor, 0)
    notice = gen._notice(case, persona, notice_type, anchor_start)
    issued_day = _working_day_on_or_before(gen.anchor - dt.timedelta(days=days_before))
    # never before the case's last step, which may fall a day before the anchor
    notice.issued_at = max(tehran_instant(issued_day, *at), case.timeline[-1].at + dt.timedelta(hours=1))
    notice.kind = kind
    if kind == "judgment_in_absentia":
        _make_in_absentia(notice, persona, case)
    if opened is not None:
        later, hour, minute = opened
        wanted = tehran_instant(issued_day + dt.timedelta(days=later), hour, minute)
        notice.opened_at = min(max(wanted, notice.issued_at + dt.timedelta(hours=2)),
                               anchor_start - dt.timedelta(minutes=5))
    return notice


def _persona_samples(gen: _Generator, rng: random.Random) -> None:
    """Besides the seeded two summons, unread deficiency and old judgment: a judgment served five days
    ago (its appeal period running), an unopened judgment in absentia, an opened deficiency with its
    ten days running and a plain notice; two new decided cases carry the new judgments."""
    persona = gen.citizens[0]
    mine = [case for case in gen.cases.values() if persona.sub in case.citizen_subs]
    mahr = next(c for c in mine if c.subject == "mahr_claim")
    damages = next(c for c in mine if c.subject == "damages" and c.role_of(persona.sub) == "defendant")
    # the seeded unread deficiency notice arrived two working days ago: its ten days are running
    unread = next(n for n in gen.notices.values()
                  if n.person == persona.sub and n.kind == "deficiency" and n.opened_at is None)
    unread.issued_at = tehran_instant(_working_day_on_or_before(gen.anchor - dt.timedelta(days=2)), 10, 10)
    saved, gen.rng = gen.rng, rng
    try:
        appeal_case = _decided_case(gen, "alimony", persona, "claimant")
        absentia_case = _decided_case(gen, "attorney_fee", persona, "defendant")
        judgment = _issue(gen, appeal_case, persona, "judgment", 5, (10, 30), (1, 19, 10))
        _issue(gen, absentia_case, persona, "judgment_in_absentia", 1, (11, 0), None)
        _issue(gen, mahr, persona, "deficiency", 3, (9, 40), (0, 21, 5))
        _issue(gen, damages, persona, "plain", 8, (12, 15), (1, 8, 20))
    finally:
        gen.rng = saved
    appeal_case.add_timeline("notice_served", judgment.opened_at,
                             f"ابلاغ الکترونیک ابلاغیه شماره {persian_digits(judgment.number)}")
    _renumber(appeal_case)
