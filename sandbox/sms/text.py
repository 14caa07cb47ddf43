"""How an SMS text is encoded and split into parts (3GPP TS 23.038 and concatenated SMS).

A text that fits the GSM 7-bit default alphabet goes as GSM-7: 160 characters in one message, 153
per part when split (the characters of the extension table take two). Anything else — any Persian
letter — goes as UCS-2: 70 UTF-16 code units in one message, 67 per part.
"""

from __future__ import annotations

import math

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("\f^{}\\[~]|€")
LIMITS = {"gsm7": (160, 153), "ucs2": (70, 67)}  # (one message, each part of a split message)


def encoding_of(text: str) -> str:
    return "gsm7" if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text) else "ucs2"


def length_in_units(text: str, encoding: str) -> int:
    """Septets for GSM-7, UTF-16 code units for UCS-2 (a character beyond the BMP takes two)."""
    if encoding == "gsm7":
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
    return len(text.encode("utf-16-le")) // 2


def parts_of(text: str) -> tuple[str, int]:
    """(encoding, number of parts); an empty text has no parts."""
    encoding = encoding_of(text)
    units = length_in_units(text, encoding)
    single, each = LIMITS[encoding]
    if units == 0:
        return encoding, 0
    return encoding, 1 if units <= single else math.ceil(units / each)
