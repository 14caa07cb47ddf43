"""The core's ledger of court fees: create what a citizen owes, and record a verified payment exactly once.

This is also the Python API for other parts of the sandbox (filings create a filing's fee with it):

    from sandbox.payments.ledger import create_item, link_case, items_of_filing
    item = create_item(store, person=sub, kind="filing_fee", amount=2_400_000, filing_id="f-000001")
    ...later, when the filing becomes a case:  link_case(store, item.id, case.id)

Every function takes the store's lock; errors are `sandbox.problems.Problem`s with stable codes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING

import jdatetime

from ..config import TEHRAN
from ..persian import grouped_rials, jalali_year, persian_digits
from ..problems import Problem, not_a_party, not_found
from . import billing
from .model import KIND_LABELS, KINDS, PaymentItem, PaymentRecord, PaymentsState

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_DAYS_TO_PAY = 10


def _digits(text: str, length: int) -> str:
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16) % 10**length).zfill(length)


def receipt_number(seed: int, record_id: str, at: dt.datetime) -> str:
    """The core's receipt number of a recorded payment: the Jalali year and ten digits."""
    return f"{jalali_year(at.astimezone(TEHRAN).date())}{_digits(f'{seed}:{record_id}', 10)}"


def tehran_today(store: Store) -> dt.date:
    return store.clock.now().astimezone(TEHRAN).date()


def make_item(state: PaymentsState, seed: int, *, person: str, kind: str, amount: int, title: str,
              due_date: dt.date, issued_at: dt.datetime, case_id: str | None = None,
              filing_id: str | None = None) -> PaymentItem:
    """Build and keep an item with its bill and payment ids (no checks: callers validate)."""
    item_id = state.next_id("item", "pi")
    bill = billing.bill_id(1_000_000 + int(_digits(f"{seed}:{item_id}", 7)) % 9_000_000)
    local = jdatetime.date.fromgregorian(date=issued_at.astimezone(TEHRAN).date())
    item = PaymentItem(
        id=item_id, bill_id=bill, payment_id=billing.payment_id(bill, amount, local.year, local.month),
        person=person, kind=kind, title=title, amount=amount, due_date=due_date, issued_at=issued_at,
        case_id=case_id, filing_id=filing_id,
    )
    state.items[item.id] = item
    return item


def _check_amount(amount: object) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise Problem(400, "validation_failed", "مبلغ باید عدد صحیح (ریال) باشد.")
    if amount <= 0 or amount % 1000 or amount > billing.MAX_AMOUNT:
        raise Problem(400, "validation_failed",
                      "مبلغ باید مضربی از ۱٬۰۰۰ ریال و حداکثر ۹۹٬۹۹۹٬۹۹۹٬۰۰۰ ریال باشد.")
    return amount


def create_item(store: Store, *, person: str, kind: str, amount: int, title: str | None = None,
                due_date: dt.date | None = None, case_id: str | None = None,
                filing_id: str | None = None) -> PaymentItem:
    """A new item the citizen `person` (sub) owes, for a case they are a party of or for a filing."""
    if kind not in KINDS:
        raise Problem(400, "validation_failed", f"kind باید یکی از {', '.join(KINDS)} باشد.")
    _check_amount(amount)
    if case_id is None and not filing_id:
        raise Problem(400, "validation_failed", "هر مورد پرداخت به یک پرونده یا یک درخواست ثبت‌شده تعلق دارد.")
    with store.lock:
        if person not in store.citizens:
            raise not_found("شهروند")
        if case_id is not None and person not in store.case(case_id).citizen_subs:
            raise Problem(422, "not_a_party", "این شهروند طرف این پرونده نیست.")
        today = tehran_today(store)
        if due_date is not None and abs((due_date - today).days) > 5 * 366:
            # a Jalali date read as a Gregorian one (1404-09-08) lands centuries away
            raise Problem(400, "validation_failed", "تاریخ سررسید باید تاریخ میلادی نزدیک به امروز باشد.")
        now = store.clock.now()
        return make_item(
            store.payments, store.seed, person=person, kind=kind, amount=amount,
            title=title or KIND_LABELS[kind], issued_at=now, case_id=case_id, filing_id=filing_id,
            due_date=due_date or today + dt.timedelta(days=DEFAULT_DAYS_TO_PAY),
        )


def link_case(store: Store, item_id: str, case_id: str) -> PaymentItem:
    """Attach a filing's fee to the case the filing became (its payment ids stay the same)."""
    with store.lock:
        item = store.payments.items.get(item_id)
        if item is None:
            raise not_found("مورد پرداخت")
        if item.person not in store.case(case_id).citizen_subs:
            raise Problem(422, "not_a_party", "بدهکار این مورد طرف این پرونده نیست.")
        item.case_id = case_id
        return item


def items_of(store: Store, person: str) -> list[PaymentItem]:
    """The citizen's items: overdue first, then due (both by due date), then paid (newest first)."""
    with store.lock:
        today = tehran_today(store)
        mine = [item for item in store.payments.items.values() if item.person == person]
        unpaid = sorted((i for i in mine if i.record is None),
                        key=lambda i: (i.status(today) != "overdue", i.due_date, i.id))
        paid = sorted((i for i in mine if i.record is not None), key=lambda i: i.record.recorded_at, reverse=True)
        return unpaid + paid


def items_of_filing(store: Store, filing_id: str) -> list[PaymentItem]:
    with store.lock:
        return [item for item in store.payments.items.values() if item.filing_id == filing_id]


def item_of(store: Store, sub: str | None, item_id: str) -> PaymentItem:
    """The item if `sub` owes it (any item for a service caller, `sub` None); 404 or 403 otherwise."""
    item = store.payments.items.get(item_id)
    if item is None:
        raise not_found("مورد پرداخت")
    if sub is not None and item.person != sub:
        raise not_a_party()
    return item


@dataclass(frozen=True)
class PaymentDetails:
    """What the BFF learned from the gateway's verify call; the card only as a masked number."""

    gateway: str
    terminal_id: str
    reference: str
    order_id: str
    rrn: str
    trace_no: str
    masked_pan: str
    amount: int
    paid_at: dt.datetime

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256("\0".join(map(str, astuple(self))).encode()).hexdigest()


def _conflict(code: str, detail: str, record: PaymentRecord) -> Problem:
    from .representations import payment_record

    return Problem(409, code, detail, extensions={"payment": payment_record(record)})


def record_payment(store: Store, sub: str | None, item_id: str,
                   details: PaymentDetails) -> tuple[PaymentRecord, bool]:
    """Records the payment once per gateway reference; returns (record, created).

    The same reference for the same item answers the first record; another reference for a paid
    item, or this reference for another item, is a 409 carrying the existing record.
    """
    with store.lock:
        item = item_of(store, sub, item_id)
        existing = store.payments.records.get((details.gateway, details.reference))
        if existing is not None:
            if existing.item_id != item.id:
                raise _conflict("reference_used", "این مرجع تراکنش پیش‌تر برای مورد پرداخت دیگری ثبت شده است.",
                                existing)
            if existing.fingerprint != details.fingerprint:
                raise _conflict("idempotency_conflict",
                                "این مرجع تراکنش پیش‌تر با جزئیات دیگری ثبت شده است.", existing)
            return existing, False
        if item.record is not None:
            raise _conflict("already_paid", "این مورد پیش‌تر با تراکنش دیگری پرداخت شده است.", item.record)
        if details.amount != item.amount:
            raise Problem(422, "amount_mismatch", f"مبلغ پرداخت با مبلغ این مورد ({grouped_rials(item.amount)} ریال) "
                                                  "برابر نیست.")
        return _record(store, item, details), True


def _record(store: Store, item: PaymentItem, details: PaymentDetails) -> PaymentRecord:
    now = store.clock.now()
    record_id = store.payments.next_id("record", "pr")
    record = PaymentRecord(
        id=record_id, item_id=item.id, **{k: getattr(details, k) for k in (
            "gateway", "terminal_id", "reference", "order_id", "rrn", "trace_no", "masked_pan", "amount",
            "paid_at")},
        recorded_at=now, receipt_number=receipt_number(store.seed, record_id, now),
        fingerprint=details.fingerprint,
    )
    store.payments.records[(record.gateway, record.reference)] = record
    item.record = record
    if item.case_id is not None:
        store.cases[item.case_id].add_timeline(
            "payment_recorded", now, f"پرداخت {KIND_LABELS[item.kind]} به مبلغ {grouped_rials(item.amount)} ریال "
                                     f"(شناسه پرداخت {persian_digits(item.payment_id)})")
    store.publish("payment.recorded", item.person, item.case_id, {
        "item_id": item.id, "record_id": record.id, "kind": item.kind, "payment_id": item.payment_id,
        "amount": item.amount, "reference": record.reference, "rrn": record.rrn, "filing_id": item.filing_id,
    })
    return record
