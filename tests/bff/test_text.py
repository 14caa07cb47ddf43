"""The one Persian normaliser agrees with the shared cases the PWA's lib/persian.js is held to."""

import json

import pytest

from bff.platform.text import clean_line, normalise_persian, search_key
from tests.support import ROOT

CASES = json.loads((ROOT / "tests" / "fixtures" / "persian_normalisation.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["note"])
def test_normalise_persian_gives_the_shared_display_form(case):
    assert normalise_persian(case["input"]) == case["normalised"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["note"])
def test_search_key_gives_the_shared_search_form(case):
    assert search_key(case["input"]) == case["search_key"]


def test_search_key_is_idempotent_on_every_shared_case():
    assert all(search_key(search_key(c["input"])) == c["search_key"] for c in CASES)


def test_arabic_and_persian_spellings_of_a_name_have_one_search_key():
    assert search_key("كرمانشاه ۱۲") == search_key("کرمانشاه 12") == search_key("کرمانشاه ١٢")


def test_zwnj_is_kept_for_display_but_not_for_search():
    assert "\u200c" in normalise_persian("خرم‌آباد")
    assert search_key("خرم‌آباد") == search_key("خرماباد")


def test_clean_line_collapses_whitespace_and_normalises():
    assert clean_line("  علي \n\t كريمي  ") == "علی کریمی"
    assert normalise_persian(None) == "" and search_key(None) == ""
