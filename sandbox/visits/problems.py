"""The problems of visit booking: stable codes with Persian details, through the one error path."""

from __future__ import annotations

from typing import Any

from ..persian import persian_digits
from ..problems import TITLES, Problem

TITLES.update({
    "slot_full": "Slot full",
    "slot_unavailable": "Slot not bookable",
    "slot_mismatch": "Slot of another place",
    "service_not_offered": "Service not offered",
    "visit_limit_reached": "Too many active visits",
    "one_visit_per_day": "Already booked at this place that day",
    "too_late": "Too late to change the visit",
    "visit_cancelled": "Visit cancelled",
})


def slot_not_found() -> Problem:
    return Problem(404, "not_found", "چنین نوبتی در تقویم این محل نیست.")


def slot_full(next_slots: list[dict[str, Any]]) -> Problem:
    return Problem(409, "slot_full", "این نوبت دیگر آزاد نیست.", extensions={"next_slots": next_slots})


def slot_unavailable(detail: str) -> Problem:
    return Problem(409, "slot_unavailable", detail)


def slot_mismatch(detail: str) -> Problem:
    return Problem(422, "slot_mismatch", detail)


def service_not_offered() -> Problem:
    return Problem(422, "service_not_offered", "این دفتر این خدمت را ارائه نمی‌دهد.")


def visit_limit_reached(limit: int) -> Problem:
    return Problem(409, "visit_limit_reached",
                   f"هر شهروند حداکثر {persian_digits(limit)} نوبت فعال می‌تواند داشته باشد.")


def one_visit_per_day() -> Problem:
    return Problem(409, "one_visit_per_day", "شما در همین روز در این محل نوبت دارید؛ هر روز یک نوبت در هر محل.")


def too_late() -> Problem:
    return Problem(409, "too_late", "نوبت را تا یک ساعت پیش از آغاز آن می‌توان لغو یا جابه‌جا کرد.")


def visit_cancelled() -> Problem:
    return Problem(409, "visit_cancelled", "این نوبت لغو شده است و جابه‌جا نمی‌شود.")


def case_closed() -> Problem:
    return Problem(422, "case_closed", "پرونده مختومه است و نوبت مراجعه به شعبه ندارد.")


def invalid(detail: str) -> Problem:
    return Problem(400, "validation_failed", detail)
