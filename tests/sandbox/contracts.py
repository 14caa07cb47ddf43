"""Checking real answers against an OpenAPI 3.1 contract of the sandbox: the documented status,
its required headers and media type, and the body against the documented JSON schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

OPENAPI = Path(__file__).resolve().parents[2] / "sandbox" / "openapi"
METHODS = {"get", "put", "post", "delete", "patch"}


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


class Contract:
    def __init__(self, file_name: str):
        self.doc = yaml.safe_load((OPENAPI / file_name).read_text(encoding="utf-8"))
        self._uri = f"urn:{file_name}"
        self._registry = Registry().with_resource(
            self._uri, Resource.from_contents(self.doc, default_specification=DRAFT202012))

    def operations(self) -> set[tuple[str, str]]:
        """(path template, METHOD) of every documented operation."""
        return {(path, method.upper()) for path, item in self.doc["paths"].items() for method in set(item) & METHODS}

    def schema_errors(self, instance: Any, json_pointer: str) -> list[str]:
        validator = Draft202012Validator({"$ref": f"{self._uri}#{json_pointer}"}, registry=self._registry)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]

    def documented_response(self, template: str, method: str, status: int) -> tuple[dict, str]:
        """The response object and its JSON pointer, following a $ref to components/responses."""
        responses = self.doc["paths"][template][method.lower()]["responses"]
        assert str(status) in responses, f"{method} {template} answered {status}, which is not documented"
        spec = responses[str(status)]
        where = pointer("paths", template, method.lower(), "responses", str(status))
        if "$ref" in spec:
            where = spec["$ref"][1:]
            spec = self.doc["components"]["responses"][spec["$ref"].rsplit("/", 1)[-1]]
        return spec, where

    def check(self, response: httpx.Response, template: str, method: str) -> None:
        spec, where = self.documented_response(template, method, response.status_code)
        for name, header in spec.get("headers", {}).items():
            if "$ref" in header:
                header = self.doc["components"]["headers"][header["$ref"].rsplit("/", 1)[-1]]
            if header.get("required"):
                assert name in response.headers, f"header {name} missing"
        content = spec.get("content")
        if not content:
            assert response.content == b""
            return
        media_type = response.headers["Content-Type"].split(";")[0].strip()
        assert media_type in content, f"{media_type} not documented for {response.status_code}"
        if media_type != "application/json":
            return
        errors = self.schema_errors(response.json(), where + pointer("content", media_type, "schema"))
        assert not errors, errors
