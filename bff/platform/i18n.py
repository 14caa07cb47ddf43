"""Message catalogs shared with the PWA (locales/<lang>/<namespace>.json) and the request's language."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from flask import has_request_context, request
from flask_babel import Babel

from bff.platform.state import PerApp

babel = Babel()
catalogs = PerApp[dict[str, dict[str, str]]]("catalogs")
"""The current app's catalogs: language → flat keys → text."""

LANGUAGES = ("fa", "en")
DEFAULT_LANGUAGE = "fa"


def load_catalogs(locales_dir: str | Path) -> dict[str, dict[str, str]]:
    """Every `locales/<lang>/<ns>.json`, flattened to ``{"ns.key.sub": text}`` per language."""
    catalogs: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        flat: dict[str, str] = {}
        for path in sorted(Path(locales_dir, lang).glob("*.json")):
            _flatten(json.loads(path.read_text(encoding="utf-8")), path.stem, flat)
        catalogs[lang] = flat
    return catalogs


def _flatten(node, prefix: str, into: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}", into)
    else:
        into[prefix] = str(node)


def current_language() -> str:
    """The best of fa/en for this request's Accept-Language; Persian when nothing matches."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def t(key: str, lang: str | None = None, /, **params) -> str:
    """The message for ``key`` in ``lang`` (the request's language by default), with ``{name}`` filled.

    A key missing in the language falls back to Persian, then to the key itself, so a missing
    translation shows up as text instead of an error page.
    """
    loaded = catalogs()
    lang = lang or current_language()
    text = loaded.get(lang, {}).get(key) or loaded[DEFAULT_LANGUAGE].get(key) or key
    if params:
        with contextlib.suppress(KeyError, IndexError, ValueError):
            text = text.format(**params)
    return text
