"""The fa and en catalogs (shared by the BFF and the PWA) have the same keys and placeholders."""

import json
import re
import string
from pathlib import Path

import pytest

from bff.platform.i18n import load_catalogs
from tests.support import ROOT

LOCALES = ROOT / "locales"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_namespace_exists_in_both_languages():
    fa = sorted(p.name for p in (LOCALES / "fa").glob("*.json"))
    en = sorted(p.name for p in (LOCALES / "en").glob("*.json"))
    assert fa == en
    assert "errors.json" in fa


def test_every_key_exists_in_both_languages():
    catalogs = load_catalogs(LOCALES)
    only_fa = sorted(set(catalogs["fa"]) - set(catalogs["en"]))
    only_en = sorted(set(catalogs["en"]) - set(catalogs["fa"]))
    assert only_fa == [], f"missing in en: {only_fa}"
    assert only_en == [], f"missing in fa: {only_en}"


def test_placeholders_match_between_languages():
    catalogs = load_catalogs(LOCALES)
    mismatched = [key for key, text in catalogs["fa"].items()
                  if key in catalogs["en"] and _placeholders(text) != _placeholders(catalogs["en"][key])]
    assert mismatched == []


@pytest.mark.parametrize("path", sorted(LOCALES.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_catalog_files_are_valid_json_objects(path: Path):
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_persian_catalog_uses_persian_letters_not_arabic():
    arabic_only = re.compile("[يك]")
    offenders = [k for k, v in load_catalogs(LOCALES)["fa"].items() if arabic_only.search(v)]
    assert offenders == []
