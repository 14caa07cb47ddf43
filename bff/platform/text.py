"""Persian text: the one normaliser (what we store, show and compare in search) and the one digits formatter.

Its twin in the PWA is ``pwa/src/lib/persian.js``; both are held to the cases in
``tests/fixtures/persian_normalisation.json``, so a search on the device finds what the server finds.
Every mapping is an explicit table (no Unicode database look-ups), so the two languages cannot drift
apart with their Unicode versions.
"""

from __future__ import annotations

import re

# Arabic letters typed on Arabic keyboards → the Persian letters they stand for.
_LETTERS = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}  # ي ى → ی, ك → ک
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
# Tatweel (کشیده), harakat and Quranic marks: invisible in meaning, in the way of comparison.
_STRIPPED = ["\u0640", *map(chr, range(0x064B, 0x0660)), "\u0670", *map(chr, range(0x0610, 0x061B)),
             *map(chr, range(0x06D6, 0x06DD)), *map(chr, range(0x06DF, 0x06E9)), *map(chr, range(0x06EA, 0x06EE))]

_DISPLAY = str.maketrans({**_LETTERS, **_DIGITS, **dict.fromkeys(_STRIPPED, None)})

# Search only: letter variants people type interchangeably.
_SEARCH_LETTERS = {"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ۀ": "ه", "ة": "ه", "ؤ": "و", "ئ": "ی"}
# Zero-width and direction marks (ZWNJ included): ignored in search.
_INVISIBLE = ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u00ad", "\ufeff",
              *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
# Spaces and punctuation separate words in search.
_SPACES = ["\t", "\n", "\u000b", "\u000c", "\r", "\u00a0", "\u1680", *map(chr, range(0x2000, 0x200B)),
           "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
_PUNCTUATION = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("،؛؟«»٫٬٪۔…‐‑‒–—―‘’“”•")
_SEARCH = str.maketrans({**_SEARCH_LETTERS, **dict.fromkeys(_INVISIBLE, None),
                         **dict.fromkeys(_SPACES + _PUNCTUATION, " ")})
_RUNS_OF_SPACES = re.compile(" +")


def normalise_persian(text: str | None) -> str:
    """Display-safe normalisation: ي/ى→ی, ك→ک, Persian and Arabic-Indic digits → ASCII, no tatweel or
    diacritics. The ZWNJ (نیم‌فاصله) and everything else are kept."""
    if not text:
        return ""
    return text.translate(_DISPLAY)


def search_key(text: str | None) -> str:
    """What search compares: normalised, letter variants unified (آ→ا, ۀ→ه…), no ZWNJ or direction marks,
    punctuation as spaces, single spaces, lower case."""
    key = normalise_persian(text).translate(_SEARCH).lower()
    return _RUNS_OF_SPACES.sub(" ", key).strip()


def clean_line(text: str | None) -> str:
    """A single-line field as stored: normalised, every run of whitespace one space, trimmed."""
    return " ".join(normalise_persian(text).split())


# -- digits and numbers for display ----------------------------------------------------------------

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# The Arabic thousands and decimal separators, what Intl.NumberFormat("fa-IR") writes.
_FA_SEPARATORS = str.maketrans({",": "\u066c", ".": "\u066b"})


def digits(value: str | int, lang: str = "fa") -> str:
    """ASCII digits as the language writes them: Persian digits in Persian, unchanged otherwise.

    Data stays ASCII (case numbers, tracking codes); only text for people is converted.
    """
    text = str(value)
    return text.translate(_FA_DIGITS) if lang == "fa" else text


def number(value: float, lang: str = "fa", *, decimals: int = 0) -> str:
    """A quantity for people: «۲۰٬۰۰۰» / "20,000"; with ``decimals``, «۱٫۲» / "1.2"."""
    text = f"{value:,.{decimals}f}"
    return digits(text.translate(_FA_SEPARATORS), lang) if lang == "fa" else text
