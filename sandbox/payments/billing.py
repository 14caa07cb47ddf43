"""Bill and payment ids (شناسه قبض و شناسه پرداخت) in the Central Bank's bill-payment format.

Every Iranian bank, kiosk and app reads the pair the same way:
- bill id (6–13 digits, no leading zero): the payee's file code, a 3-digit organisation code, a
  1-digit service type and a check digit over everything before it;
- payment id (6–13 digits): the amount in thousands of rials, the last digit of the (Jalali) year,
  a 2-digit period, then two check digits: the first over the payment id so far, the second over
  the bill id followed by the payment id so far (so a payment id only checks with its own bill id).
A check digit weighs the digits from the right by 2, 3, 4, 5, 6, 7, 2, 3…; r = sum mod 11; the digit
is 0 when r < 2, else 11 − r.

The organisation code and the service type below are the sandbox's own sample values, not the
judiciary's real ones.
"""

from __future__ import annotations

ORGANISATION_CODE = "047"
SERVICE_TYPE = "8"  # a digit the standard leaves to payees other than the utilities and traffic fines
_WEIGHTS = (2, 3, 4, 5, 6, 7)
MAX_AMOUNT = 99_999_999_000  # eight digits of thousands keep the payment id within 13 digits


def check_digit(digits: str) -> int:
    total = sum(int(d) * _WEIGHTS[i % len(_WEIGHTS)] for i, d in enumerate(reversed(digits)))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def bill_id(file_code: int) -> str:
    """A bill id for a 7-digit file code (1,000,000–9,999,999)."""
    if not 1_000_000 <= file_code <= 9_999_999:
        raise ValueError("the file code must have seven digits")
    body = f"{file_code}{ORGANISATION_CODE}{SERVICE_TYPE}"
    return body + str(check_digit(body))


def payment_id(bill: str, amount: int, year: int, period: int) -> str:
    """The payment id of `amount` rials (a multiple of 1,000) for the bill, Jalali year and period."""
    if amount <= 0 or amount % 1000 or amount > MAX_AMOUNT:
        raise ValueError("the amount must be a positive multiple of 1,000 rials, at most 99,999,999,000")
    if not 1 <= period <= 99:
        raise ValueError("the period has two digits")
    body = f"{amount // 1000}{year % 10}{period:02d}"
    first = body + str(check_digit(body))
    return first + str(check_digit(bill + first))


def is_valid_pair(bill: str, payment: str) -> bool:
    """The bill id's and the payment id's check digits are right."""
    if not (bill.isascii() and bill.isdigit() and payment.isascii() and payment.isdigit()):
        return False
    if not (6 <= len(bill) <= 13 and 6 <= len(payment) <= 13) or bill[0] == "0":
        return False
    return (check_digit(bill[:-1]) == int(bill[-1])
            and check_digit(payment[:-2]) == int(payment[-2])
            and check_digit(bill + payment[:-1]) == int(payment[-1]))


def amount_of(payment: str) -> int:
    """The amount in rials that a payment id encodes."""
    return int(payment[:-5]) * 1000
