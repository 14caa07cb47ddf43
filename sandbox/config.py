"""Settings of the sandbox, read from the environment and overridable by a dict."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

TEHRAN = ZoneInfo("Asia/Tehran")
MODES = ("demo", "test", "plain")
DATA_DIR = Path(__file__).parent / "data"
HOUR_MS = 3_600_000
# The official holiday table is kept once in the repository, beside the BFF's office data; both read it.
HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "bff" / "offices" / "data" / "holidays.json"

DEFAULTS: dict[str, str] = {
    "SANDBOX_MODE": "demo",
    "SANDBOX_SEED": "1404",
    "SANDBOX_OTP": "123456",
    "SANDBOX_ISSUER": "http://127.0.0.1:8001",
    "SANDBOX_CLIENT_ID": "hamrah-bff",
    "SANDBOX_CLIENT_SECRET": "sandbox-dev-secret",
    "SANDBOX_REDIRECT_URIS": "http://localhost:8000/auth/callback,http://127.0.0.1:8000/auth/callback",
    "SANDBOX_POST_LOGOUT_REDIRECT_URIS": "http://localhost:8000/,http://127.0.0.1:8000/",
    "SANDBOX_ACCESS_TOKEN_TTL": "300",
    "SANDBOX_REFRESH_TOKEN_TTL": str(30 * 24 * 3600),
    "SANDBOX_ANCHOR_DATE": "",
    "SANDBOX_LOCKOUT_SECONDS": "900",
    "SANDBOX_SECRET_KEY": "",
    "SANDBOX_OFFICES_PATH": str(DATA_DIR / "offices.json"),
    "SANDBOX_HOLIDAYS_PATH": str(HOLIDAYS_FILE),
    "SANDBOX_VISIT_LEAD_MINUTES": "60",
    "SANDBOX_VISIT_HORIZON_DAYS": "30",
    "SANDBOX_NOTICE_DEEMED_SERVICE_DAYS": "0",
    "SANDBOX_SMS_API_KEY": "sandbox-kavenegar-api-key",
    "SANDBOX_SMS_SENDER": "2000660110",
    "SANDBOX_SMS_OPERATOR_AFTER_MS": "1000",
    "SANDBOX_SMS_REPORT_AFTER_MS": "5000",
    # the bank gateway (SEP OnlinePG protocol), see sandbox/gateway/
    "SANDBOX_GATEWAY_TERMINAL_ID": "13001404",
    "SANDBOX_GATEWAY_MERCHANT_IPS": "127.0.0.1,::1",
    "SANDBOX_GATEWAY_REVERSAL_SECONDS": "1800",
    "SANDBOX_GATEWAY_REVERSE_SECONDS": "3000",
}


def tehran_today() -> dt.date:
    return dt.datetime.now(TEHRAN).date()


def _csv(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return dt.date.fromisoformat(text) if text else tehran_today()


def _bounded(raw: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = int(raw[key])
    if not low <= value <= high:
        raise ValueError(f"{key} must be between {low} and {high}, not {value}")
    return value


def _word(raw: Mapping[str, Any], key: str) -> str:
    """A value that goes into a URL path: ASCII letters, digits, '-' and '_' only."""
    value = str(raw[key]).strip()
    if not value or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value):
        raise ValueError(f"{key} must be ASCII letters, digits, '-' or '_'")
    return value


def _line(raw: Mapping[str, Any], key: str) -> str:
    """An SMS line number: ASCII digits."""
    value = str(raw[key]).strip()
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"{key} must be a line number of ASCII digits")
    return value


@dataclass(frozen=True)
class Settings:
    mode: str
    seed: int
    otp: str
    issuer: str
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    access_token_ttl: int
    refresh_token_ttl: int
    anchor_date: dt.date
    lockout_seconds: int
    secret_key: str
    offices_path: Path
    holidays_path: Path
    visit_lead_minutes: int
    visit_horizon_days: int
    notice_deemed_service_days: int
    sms_api_key: str
    sms_sender: str
    sms_operator_after_ms: int
    sms_report_after_ms: int
    gateway_terminal_id: str
    gateway_merchant_ips: tuple[str, ...]
    gateway_reversal_seconds: int
    gateway_reverse_seconds: int

    @property
    def control_enabled(self) -> bool:
        return self.mode in ("demo", "test")

    @property
    def loopback_any_port(self) -> bool:
        """In demo and test mode a client on any loopback port may sign in."""
        return self.mode in ("demo", "test")

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None):
        environ = os.environ if environ is None else environ
        raw: dict[str, Any] = {key: environ.get(key, default) for key, default in DEFAULTS.items()}
        raw.update({k: v for k, v in (overrides or {}).items() if k.startswith("SANDBOX_")})
        unknown = set(raw) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown sandbox settings: {', '.join(sorted(unknown))}")
        mode = str(raw["SANDBOX_MODE"]).strip().lower()
        if mode not in MODES:
            raise ValueError(f"SANDBOX_MODE must be one of {', '.join(MODES)}, not {mode!r}")
        return cls(
            mode=mode,
            seed=int(raw["SANDBOX_SEED"]),
            otp=str(raw["SANDBOX_OTP"]).strip(),
            issuer=str(raw["SANDBOX_ISSUER"]).strip().rstrip("/"),
            client_id=str(raw["SANDBOX_CLIENT_ID"]).strip(),
            client_secret=str(raw["SANDBOX_CLIENT_SECRET"]),
            redirect_uris=_csv(raw["SANDBOX_REDIRECT_URIS"]),
            post_logout_redirect_uris=_csv(raw["SANDBOX_POST_LOGOUT_REDIRECT_URIS"]),
            access_token_ttl=int(raw["SANDBOX_ACCESS_TOKEN_TTL"]),
            refresh_token_ttl=int(raw["SANDBOX_REFRESH_TOKEN_TTL"]),
            anchor_date=_date(raw["SANDBOX_ANCHOR_DATE"]),
            lockout_seconds=int(raw["SANDBOX_LOCKOUT_SECONDS"]),
            # A random key per process: IdP sessions end when the sandbox restarts.
            secret_key=str(raw["SANDBOX_SECRET_KEY"]) or secrets.token_urlsafe(32),
            offices_path=Path(str(raw["SANDBOX_OFFICES_PATH"])),
            holidays_path=Path(str(raw["SANDBOX_HOLIDAYS_PATH"])),
            visit_lead_minutes=_bounded(raw, "SANDBOX_VISIT_LEAD_MINUTES", 0, 7 * 24 * 60),
            visit_horizon_days=_bounded(raw, "SANDBOX_VISIT_HORIZON_DAYS", 1, 366),
            notice_deemed_service_days=_bounded(raw, "SANDBOX_NOTICE_DEEMED_SERVICE_DAYS", 0, 365),
            sms_api_key=_word(raw, "SANDBOX_SMS_API_KEY"),
            sms_sender=_line(raw, "SANDBOX_SMS_SENDER"),
            sms_operator_after_ms=_bounded(raw, "SANDBOX_SMS_OPERATOR_AFTER_MS", 0, HOUR_MS),
            sms_report_after_ms=max(_bounded(raw, "SANDBOX_SMS_REPORT_AFTER_MS", 0, HOUR_MS),
                                    _bounded(raw, "SANDBOX_SMS_OPERATOR_AFTER_MS", 0, HOUR_MS)),
            **_gateway_settings(raw),
        )


def _gateway_settings(raw: Mapping[str, Any]) -> dict[str, Any]:
    terminal = str(raw["SANDBOX_GATEWAY_TERMINAL_ID"]).strip()
    if not terminal.isascii() or not terminal.isdigit():
        raise ValueError("SANDBOX_GATEWAY_TERMINAL_ID must be digits")
    reversal, reverse = int(raw["SANDBOX_GATEWAY_REVERSAL_SECONDS"]), int(raw["SANDBOX_GATEWAY_REVERSE_SECONDS"])
    if reversal < 1 or reverse < 1:
        raise ValueError("SANDBOX_GATEWAY_REVERSAL_SECONDS and SANDBOX_GATEWAY_REVERSE_SECONDS must be positive")
    return {"gateway_terminal_id": terminal, "gateway_merchant_ips": _csv(raw["SANDBOX_GATEWAY_MERCHANT_IPS"]),
            "gateway_reversal_seconds": reversal, "gateway_reverse_seconds": reverse}
