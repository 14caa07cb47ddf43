"""What the core says a citizen owes (payment items) and the payments it has recorded against them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KIND_LABELS = {
    "expert_fee": "دستمزد کارشناسی",
    "appeal_fee": "هزینه دادرسی تجدیدنظر",
    "notice_publication_fee": "هزینه نشر آگهی",
    "fine": "جزای نقدی",
    "filing_fee": "هزینه دادرسی",
}
KINDS = tuple(KIND_LABELS)
STATUSES = ("overdue", "due", "paid")  # also the order of the list


@dataclass
class PaymentRecord:
    """A payment the BFF verified with a bank gateway and recorded at the core; never a card number."""

    id: str
    item_id: str
    gateway: str
    terminal_id: str
    reference: str  # the gateway's unique reference (SEP RefNum): the record's idempotency key
    order_id: str  # the merchant's order id at the gateway (SEP ResNum)
    rrn: str
    trace_no: str
    masked_pan: str
    amount: int
    paid_at: dt.datetime
    recorded_at: dt.datetime
    receipt_number: str
    fingerprint: str
    seeded: bool = False  # part of the sample history, not made through the API


@dataclass
class PaymentItem:
    id: str
    bill_id: str
    payment_id: str
    person: str  # the sub of the citizen who owes it
    kind: str
    title: str
    amount: int  # rials
    due_date: dt.date
    issued_at: dt.datetime
    case_id: str | None = None
    filing_id: str | None = None
    record: PaymentRecord | None = None

    def status(self, today: dt.date) -> str:
        if self.record is not None:
            return "paid"
        return "overdue" if self.due_date < today else "due"


@dataclass
class PaymentsState:
    items: dict[str, PaymentItem] = field(default_factory=dict)
    records: dict[tuple[str, str], PaymentRecord] = field(default_factory=dict)  # (gateway, reference)
    counters: dict[str, int] = field(default_factory=lambda: {"item": 0, "record": 0})

    def next_id(self, kind: str, prefix: str) -> str:
        self.counters[kind] += 1
        return f"{prefix}-{self.counters[kind]:06d}"
