"""Reading the core's JSON: every answer is decoded and shape-checked here, never by a room.

A field that is missing, null where it may not be, or of the wrong type makes the whole answer a
``CoreBadAnswer`` (502 ``core_bad_answer``) naming where it went wrong; a room never meets a KeyError.
Fields the BFF does not use are ignored, so the core may add fields without breaking anything.
"""

from __future__ import annotations

import json
from datetime import datetime

from bff.core_client.errors import CoreBadAnswer
from bff.platform.dates import parse_instant
from bff.platform.outbound import Answer


def json_object(answer: Answer, what: str) -> Reader:
    """The answer's body as a JSON object."""
    try:
        body = json.loads(answer.content)
    except ValueError:
        raise CoreBadAnswer(f"{what}: not JSON") from None
    return Reader(body, what)


class Reader:
    """One JSON object of an answer, read field by field with the type each field must have."""

    def __init__(self, value, where: str):
        if not isinstance(value, dict):
            raise CoreBadAnswer(f"{where}: expected an object, got {type(value).__name__}")
        self.value = value
        self.where = where

    def _get(self, key: str, kinds: type | tuple[type, ...], nullable: bool):
        value = self.value.get(key)
        if value is None:
            if nullable:
                return None
            raise CoreBadAnswer(f"{self.where}.{key}: missing")
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
            raise CoreBadAnswer(f"{self.where}.{key}: expected {_names(kinds)}, got {type(value).__name__}")
        return value

    def text(self, key: str) -> str:
        return self._get(key, str, False)

    def optional_text(self, key: str) -> str | None:
        return self._get(key, str, True)

    def integer(self, key: str) -> int:
        return self._get(key, int, False)

    def flag(self, key: str) -> bool:
        return self._get(key, bool, False)

    def instant(self, key: str) -> datetime:
        return self._instant(key, self.text(key))

    def optional_instant(self, key: str) -> datetime | None:
        value = self.optional_text(key)
        return None if value is None else self._instant(key, value)

    def _instant(self, key: str, value: str) -> datetime:
        try:
            return parse_instant(value)
        except ValueError:
            raise CoreBadAnswer(f"{self.where}.{key}: not an ISO 8601 instant") from None

    def object(self, key: str) -> Reader:
        return Reader(self._get(key, dict, False), f"{self.where}.{key}")

    def optional_object(self, key: str) -> Reader | None:
        value = self._get(key, dict, True)
        return None if value is None else Reader(value, f"{self.where}.{key}")

    def raw_list(self, key: str) -> list:
        return self._get(key, list, False)

    def objects(self, key: str) -> list[Reader]:
        """A list of objects, each read in turn."""
        return [Reader(item, f"{self.where}.{key}[{n}]") for n, item in enumerate(self.raw_list(key))]

    def mapping(self, key: str) -> dict:
        """An object passed on as it is (its members are read by whoever knows their shape)."""
        return self._get(key, dict, False)


def _tuple(kinds) -> tuple:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _names(kinds) -> str:
    return " or ".join(kind.__name__ for kind in _tuple(kinds))
