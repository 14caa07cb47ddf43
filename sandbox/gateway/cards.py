"""The test cards of the sandbox's card page: each one a scripted outcome, none a real card.

A card is known only by its masked number (first six, last four); no full card number exists in
the sandbox. `HashedPan` is a SHA-256 of the card's id, stable per card like a real card's hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .protocol import mask_pan


@dataclass(frozen=True)
class SampleCard:
    id: str
    label: str  # Persian, on the button
    outcome: str  # SEP State after the attempt: OK, Failed or CanceledByUser
    masked_pan: str
    charges: bool  # the amount is taken from the card
    callback: bool = True  # the page offers the return to the merchant
    hangs: bool = False  # the bank answers only after the gateway's hang time
    explanation: str = ""

    @property
    def hashed_pan(self) -> str:
        return hashlib.sha256(f"sandbox-test-card:{self.id}".encode()).hexdigest()


CARDS = (
    SampleCard("success", "پرداخت موفق", "OK", mask_pan("621986", "0011"), charges=True,
             explanation="مبلغ از کارت برداشته می‌شود و تا تأیید پذیرنده در انتظار می‌ماند."),
    SampleCard("insufficient_funds", "موجودی ناکافی", "Failed", mask_pan("603799", "0022"), charges=False,
             explanation="بانک صادرکننده به دلیل کافی نبودن موجودی، تراکنش را رد می‌کند."),
    SampleCard("wrong_pin", "رمز دوم نادرست", "Failed", mask_pan("610433", "0033"), charges=False,
             explanation="رمز دوم (پویا) کارت نادرست وارد شده است."),
    SampleCard("cancelled", "انصراف از پرداخت", "CanceledByUser", "", charges=False,
             explanation="دارنده کارت پیش از پرداخت انصراف می‌دهد."),
    SampleCard("timeout", "قطع ارتباط با بانک", "Failed", mask_pan("589210", "0044"), charges=False, hangs=True,
             explanation="بانک صادرکننده پاسخ نمی‌دهد؛ درگاه پس از انتظار، تراکنش را ناموفق اعلام می‌کند."),
    SampleCard("no_callback", "پرداخت موفق بدون بازگشت", "OK", mask_pan("627412", "0055"), charges=True,
             callback=False,
             explanation="مبلغ برداشته می‌شود ولی بازگشت به سایت پذیرنده هرگز انجام نمی‌شود؛ "
                         "پذیرنده باید با استعلام آن را بیابد."),
)
BY_ID = {card.id: card for card in CARDS}
