"""The fixed vocabularies of the registry: office kinds, services, case subjects and provinces.

Codes are data (ASCII, stable); their labels live in the message catalogs (locales/*/catalog.json), so
the server and the PWA show the same words in both languages.
"""

from __future__ import annotations

# The four kinds of office, in the order the regulation lists them.
KINDS = ("independent", "single_counter", "notary_hosted", "eservice_hosted")

# What an office can do for a citizen.
SERVICES = ("petition", "complaint", "declaration", "case_followup", "brief", "judicial_papers", "e_notice",
            "fee_payment")

# Case subjects offices take, as listed publicly.
SUBJECTS = ("check_complaint", "price_refund", "movable_property_return", "alimony", "marriage_registration",
            "marital_wages", "divorce_by_husband", "dowry_return", "mahr_instalments", "mahr_insolvency",
            "mahr_claim", "attorney_fee", "damages", "second_marriage_permission")

# The 31 provinces: code → (latitude, longitude) of the provincial capital.
PROVINCES: dict[str, tuple[float, float]] = {
    "mazandaran": (36.56332, 53.06009),
    "gilan": (37.27611, 49.58862),
    "golestan": (36.8427, 54.44391),
    "tehran": (35.69439, 51.42151),
    "semnan": (35.57691, 53.39205),
    "zanjan": (36.67642, 48.49628),
    "qom": (34.6401, 50.8764),
    "alborz": (35.83266, 50.99155),
    "qazvin": (36.26877, 50.0041),
    "isfahan": (32.65246, 51.67462),
    "kerman": (30.28321, 57.07879),
    "yazd": (31.89722, 54.3675),
    "chaharmahal_and_bakhtiari": (32.32612, 50.8572),
    "east_azerbaijan": (38.08, 46.2919),
    "west_azerbaijan": (37.55274, 45.07605),
    "ardabil": (38.2498, 48.2933),
    "razavi_khorasan": (36.29807, 59.60567),
    "sistan_and_baluchestan": (29.4963, 60.8629),
    "south_khorasan": (32.86628, 59.22114),
    "north_khorasan": (37.47473, 57.32903),
    "khuzestan": (31.31901, 48.6842),
    "lorestan": (33.48778, 48.35583),
    "fars": (29.61031, 52.53113),
    "kohgiluyeh_and_boyer_ahmad": (30.66824, 51.58796),
    "hormozgan": (27.1865, 56.2808),
    "bushehr": (28.96887, 50.83657),
    "hamadan": (34.79922, 48.51456),
    "kermanshah": (34.31417, 47.065),
    "ilam": (33.6374, 46.4227),
    "markazi": (34.09493, 49.69809),
    "kurdistan": (35.31495, 46.99883),
}

STATUSES = ("active", "temporarily_closed")
