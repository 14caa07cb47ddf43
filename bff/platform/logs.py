"""Structured JSON logs: one line per event, each with the request id; personal numbers and tokens masked."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, g, has_request_context, request

from bff.platform.metrics import observe_request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# A national code is 10 digits and a mobile 09 + 9 digits (or +989…); tokens are JWTs or long opaque
# strings after "Bearer". Logs keep the last digits only, enough to correlate a support call.
_REDACTIONS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[redacted]"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), "[jwt]"),
    (re.compile(r"(?<![\d])(?:\+98|0098|0)?9\d{5}(\d{4})(?![\d])"), r"*******\1"),
    (re.compile(r"(?<![\d])\d{6}(\d{4})(?![\d])"), r"******\1"),
]


# One scan decides whether a line needs the redactions at all (most lines do not).
_SUSPECT = re.compile(r"\d{10}|[Bb][Ee][Aa][Rr][Ee][Rr]|eyJ")


def redact(text: str) -> str:
    if not _SUSPECT.search(text):
        return text
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    """Render a record as one JSON object; extra fields passed with ``extra={"fields": {...}}``."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        fields = getattr(record, "fields", None)
        if fields:
            entry.update({k: redact(v) if isinstance(v, str) else v for k, v in fields.items()})
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None) and has_request_context():
            record.request_id = getattr(g, "request_id", None)
        return True


def configure_logging(level: str = "INFO", as_json: bool = True, log_file: str = "") -> None:
    """Send every log line to stderr through our formatter (and, when given, append it as JSON to
    ``log_file`` too); safe to call more than once."""
    root = logging.getLogger()
    if log_file and not any(getattr(h, "_hamrah_file", None) == log_file for h in root.handlers):
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler._hamrah_file = log_file  # type: ignore[attr-defined]
        file_handler.addFilter(RequestIdFilter())
        file_handler.setFormatter(JsonFormatter())
        root.addHandler(file_handler)
    handler = next((h for h in root.handlers if getattr(h, "_hamrah", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler._hamrah = True  # type: ignore[attr-defined]
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter() if as_json else
                         TextFormatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
                                       defaults={"request_id": "-"}))
    root.setLevel(level.upper())
    for noisy in ("werkzeug", "alembic", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    one_line_per_queue_event()


def one_line_per_queue_event() -> None:
    """The queue consumer installs its own handler on "huey"; keep one line per event, not two (called
    again when a worker starts, since the consumer installs it after the app is built)."""
    huey_logger = logging.getLogger("huey")
    huey_logger.propagate = not huey_logger.handlers


access_log = logging.getLogger("bff.access")


def register_request_logging(app: Flask) -> None:
    """Accept a sane X-Request-ID or make one, echo it back, and log one access line per request."""

    @app.before_request
    def _start() -> None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        request_id = getattr(g, "request_id", None) or uuid.uuid4().hex
        response.headers[REQUEST_ID_HEADER] = request_id
        started = getattr(g, "request_started", None)
        duration_ms = round((time.perf_counter() - started) * 1000, 2) if started else None
        rule = request.url_rule.rule if request.url_rule else None
        if started:
            observe_request(request.method, rule, response.status_code, time.perf_counter() - started)
        access_log.info(
            "%s %s %s", request.method, request.path, response.status_code,
            extra={"fields": {"method": request.method, "path": request.path, "route": rule,
                              "status": response.status_code, "duration_ms": duration_ms}},
        )
        return response
