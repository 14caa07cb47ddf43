"""Deterministic sample fees: what the demo persona and some other citizens owe, from the seed and anchor.

A random generator of its own (seeded from the seed), so the citizens and cases of sandbox.seed do not
change. The demo persona owes a court-ordered expert fee of 120,000,000 rials, an appeal fee and an
overdue notice-publication fee, and has paid an earlier expert fee.
"""

from __future__ import annotations

import datetime as dt
import random
import string

from ..config import TEHRAN
from ..model import Case, Citizen
from ..seed import tehran_instant
from .ledger import make_item, receipt_number
from .model import PaymentItem, PaymentRecord, PaymentsState

SAMPLE_TERMINAL = "13001404"
TITLES = {
    "expert_fee": ("دستمزد کارشناس رسمی دادگستری (ارزیابی خسارت)", "دستمزد کارشناس رسمی دادگستری (تعیین بها)",
                   "دستمزد هیئت سه‌نفره کارشناسی"),
    "appeal_fee": ("هزینه دادرسی تجدیدنظرخواهی از دادنامه",),
    "notice_publication_fee": ("هزینه نشر آگهی در روزنامه کثیرالانتشار",),
    "fine": ("جزای نقدی موضوع دادنامه قطعی",),
}
AMOUNTS = {
    "expert_fee": [n * 1_000_000 for n in (15, 25, 40, 60, 80, 120)],
    "appeal_fee": [n * 150_000 for n in range(20, 400, 7)],
    "notice_publication_fee": [1_200_000, 1_800_000, 2_500_000, 3_000_000],
    "fine": [n * 1_000_000 for n in (5, 10, 20, 50, 100)],
}


def seed_payments(seed: int, anchor: dt.date, citizens: list[Citizen], cases: dict[str, Case]) -> PaymentsState:
    state = PaymentsState()
    rng = random.Random(f"{seed}:payments")
    _persona(state, seed, anchor, citizens[0], cases, rng)
    for citizen in citizens[1:]:
        if citizen.is_lawyer or rng.random() >= 0.45:
            continue
        mine = [c for c in cases.values() if c.role_of(citizen.sub) not in (None, "lawyer") and c.status != "closed"]
        for case in rng.sample(mine, min(len(mine), rng.randint(1, 2))):
            kind = _kind_for(case, case.role_of(citizen.sub), rng)
            due = anchor + dt.timedelta(days=rng.randint(-12, 30))
            issued = tehran_instant(min(due, anchor) - dt.timedelta(days=rng.randint(5, 20)), rng.randint(8, 13))
            make_item(state, seed, person=citizen.sub, kind=kind, amount=rng.choice(AMOUNTS[kind]),
                      title=rng.choice(TITLES[kind]), due_date=due, issued_at=issued, case_id=case.id)
    return state


def _kind_for(case: Case, role: str, rng: random.Random) -> str:
    if role == "accused" and case.status in ("decided", "enforcement"):
        return "fine"
    if case.status == "decided" and role in ("claimant", "defendant"):
        return "appeal_fee"
    if case.status in ("registered", "referred"):
        return "notice_publication_fee"
    return rng.choice(("expert_fee", "expert_fee", "notice_publication_fee"))


def _persona(state: PaymentsState, seed: int, anchor: dt.date, persona: Citizen, cases: dict[str, Case],
             rng: random.Random) -> None:
    mine = [c for c in cases.values() if persona.sub in c.citizen_subs]
    damages = next(c for c in mine if c.subject == "damages")
    decided = next(c for c in mine if c.subject == "price_refund")
    mahr = next(c for c in mine if c.subject == "mahr_claim")
    before = anchor - dt.timedelta(days=6)
    make_item(state, seed, person=persona.sub, kind="expert_fee", amount=120_000_000,
              title=TITLES["expert_fee"][0], due_date=anchor + dt.timedelta(days=9),
              issued_at=tehran_instant(before, 10, 30), case_id=damages.id)
    make_item(state, seed, person=persona.sub, kind="appeal_fee", amount=6_750_000, title=TITLES["appeal_fee"][0],
              due_date=anchor + dt.timedelta(days=5), issued_at=tehran_instant(before, 11), case_id=decided.id)
    make_item(state, seed, person=persona.sub, kind="notice_publication_fee", amount=1_800_000,
              title=TITLES["notice_publication_fee"][0], due_date=anchor - dt.timedelta(days=4),
              issued_at=tehran_instant(anchor - dt.timedelta(days=20), 9), case_id=mahr.id)
    _paid_earlier(state, seed, persona, decided, rng)


def _paid_earlier(state: PaymentsState, seed: int, persona: Citizen, case: Case, rng: random.Random) -> None:
    """An expert fee paid midway through the case's history, with its record.

    The seeded case timelines stay as sandbox.seed made them: `payment_recorded` entries appear only
    for payments recorded through the API.
    """
    first, last = case.timeline[0].at, case.timeline[-1].at
    issued = first + (last - first) / 3
    paid_at = (first + (last - first) / 2).replace(microsecond=0)
    item: PaymentItem = make_item(
        state, seed, person=persona.sub, kind="expert_fee", amount=45_000_000, title=TITLES["expert_fee"][1],
        due_date=(issued + dt.timedelta(days=10)).astimezone(TEHRAN).date(), issued_at=issued.replace(microsecond=0),
        case_id=case.id)
    reference = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(30))
    record_id = state.next_id("record", "pr")
    record = PaymentRecord(
        id=record_id, item_id=item.id, gateway="sep", terminal_id=SAMPLE_TERMINAL,
        reference=reference, order_id=f"seed-{item.id}", rrn=f"{rng.randrange(10**11, 10**12)}",
        trace_no=f"{rng.randrange(10**5, 10**6)}", masked_pan="603799******4821", amount=item.amount,
        paid_at=paid_at, recorded_at=paid_at + dt.timedelta(seconds=90),
        receipt_number=receipt_number(seed, record_id, paid_at),
        fingerprint="", seeded=True,
    )
    item.record = record
    state.records[(record.gateway, record.reference)] = record
