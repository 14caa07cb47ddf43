"""JSON shapes of payment items and payment records, as documented in sandbox/openapi/core-v1.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import iso
from .model import PaymentItem, PaymentRecord


def payment_record(record: PaymentRecord) -> dict[str, Any]:
    return {
        "id": record.id, "item_id": record.item_id, "gateway": record.gateway, "terminal_id": record.terminal_id,
        "reference": record.reference, "order_id": record.order_id, "rrn": record.rrn, "trace_no": record.trace_no,
        "masked_pan": record.masked_pan, "amount": record.amount, "paid_at": iso(record.paid_at),
        "recorded_at": iso(record.recorded_at), "receipt_number": record.receipt_number,
    }


def payment_item(item: PaymentItem, today: dt.date, case_number: str | None) -> dict[str, Any]:
    return {
        "id": item.id, "payment_id": item.payment_id, "bill_id": item.bill_id, "kind": item.kind,
        "title": item.title, "amount": item.amount, "currency": "IRR", "due_date": item.due_date.isoformat(),
        "status": item.status(today), "case_id": item.case_id, "case_number": case_number,
        "filing_id": item.filing_id, "issued_at": iso(item.issued_at),
        "payment": payment_record(item.record) if item.record is not None else None,
    }
