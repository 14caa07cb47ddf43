"""Extra sample citizens without cases, for load tests that need many distinct people.

`POST /sandbox/control/citizens {"count": n}` adds n citizens who can sign in like the seeded ones.
They come from the seed and the number of citizens so far (the same calls give the same people) and
are gone after a reset.
"""

from __future__ import annotations

import random

from flask import Blueprint, Flask, jsonify, request

from . import vocabulary as vocab
from .model import Citizen
from .persian import national_code_check_digit
from .problems import Problem
from .runtime import current
from .seed import citizen_sub
from .store import Store

MAX_PER_CALL = 1000

bp = Blueprint("crowd", __name__, url_prefix="/sandbox/control")


def add_citizens(store: Store, count: int) -> list[Citizen]:
    with store.lock:
        rng = random.Random(f"{store.seed}:crowd:{len(store.citizens)}")
        added = []
        while len(added) < count:
            first_nine = f"{rng.randrange(10**9):09d}"
            code = first_nine + str(national_code_check_digit(first_nine))
            if len(set(code)) == 1 or code in store.by_national_code:
                continue
            gender = rng.choice("fm")
            given = rng.choice(vocab.FEMALE_GIVEN_NAMES if gender == "f" else vocab.MALE_GIVEN_NAMES)
            citizen = Citizen(sub=citizen_sub(store.seed, code), national_code=code, given_name=given,
                              family_name=rng.choice(vocab.FAMILY_NAMES), gender=gender,
                              mobile=rng.choice(vocab.MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}")
            store.citizens[citizen.sub] = citizen
            store.by_national_code[code] = citizen
            added.append(citizen)
        return added


@bp.post("/citizens")
def create_citizens():
    """Add `count` (1–1000) sample citizens without cases."""
    body = request.get_json(silent=True)
    count = body.get("count") if isinstance(body, dict) else None
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_PER_CALL:
        raise Problem(400, "validation_failed", "count باید عدد صحیح ۱ تا ۱۰۰۰ باشد.")
    added = add_citizens(current().store, count)
    return jsonify({"sample": True, "citizens": [{
        "sub": c.sub, "national_code": c.national_code, "name": c.name, "given_name": c.given_name,
        "family_name": c.family_name, "mobile": c.mobile, "lawyer": False, "case_ids": [],
    } for c in added]}), 201


def register_crowd(app: Flask) -> None:
    app.register_blueprint(bp)
