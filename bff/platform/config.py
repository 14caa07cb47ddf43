"""Typed settings read from the environment; one object the whole app is configured from."""

from __future__ import annotations

import os
import secrets
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from bff.platform.state import PerApp

VERSION = "0.1.0"
ROOT = Path(__file__).resolve().parent.parent.parent
ENVIRONMENTS = ("development", "test", "production")
# The sandbox identity provider's client secret: fine on a laptop, refused in production.
SANDBOX_CLIENT_SECRET = "sandbox-dev-secret"  # noqa: S105


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str) -> int:
    return int(value.strip())


@dataclass(frozen=True)
class Settings:
    """Every setting of the BFF, with the default used when the variable is unset.

    The field name in upper case is the environment variable (``database_url`` ← ``DATABASE_URL``).
    """

    app_env: str = "development"
    secret_key: str = ""
    instance_path: str = str(ROOT / "instance")
    database_url: str = ""
    redis_url: str = ""
    queue_name: str = "hamrah"
    public_base_url: str = "http://localhost:8000"
    core_base_url: str = "http://127.0.0.1:8001"
    core_sandbox: bool = True
    core_connect_timeout: float = 2.0
    core_read_timeout: float = 5.0
    core_breaker_fail_max: int = 5
    core_breaker_reset_seconds: int = 30
    oidc_issuer: str = "http://127.0.0.1:8001"
    oidc_client_id: str = "hamrah-bff"
    oidc_client_secret: str = SANDBOX_CLIENT_SECRET
    pwa_dist: str = str(ROOT / "pwa" / "dist")
    locales_dir: str = str(ROOT / "locales")
    max_content_length: int = 26 * 1024 * 1024
    log_level: str = "INFO"
    log_json: bool = True
    log_file: str = ""
    trust_proxy_hops: int = 0
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    rate_limit_storage_url: str = ""
    rate_limit_login: str = "20 per minute"
    rate_limit_writes: str = "60 per minute"
    rate_limit_search: str = "120 per minute"
    metrics_token: str = ""
    map_tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    # The worker pulls the office registry from the core when it starts (never under APP_ENV=test).
    offices_sync_on_start: bool = True
    # How often (seconds) a web process checks whether the registry changed and rebuilds its index.
    offices_index_check_seconds: float = 5.0
    case_snapshot_days: int = 14
    # Web Push. VAPID_PRIVATE_KEY: PEM, or the base64url raw 32-byte key (`flask push keys` makes one);
    # when empty outside production, one is generated once under instance/. VAPID_SUBJECT must be a
    # real mailto: or https: contact (Apple refuses localhost). PUSH_ALLOWED_HOSTS: the push services
    # (host, or .suffix) a subscription may point at in production; elsewhere any http(s) endpoint.
    vapid_private_key: str = ""
    vapid_subject: str = "mailto:push@hamrah.example"
    push_timeout: float = 10.0
    push_poll_interval: float = 1.0
    push_retry_hours: int = 24
    push_allowed_hosts: str = "fcm.googleapis.com,.push.services.mozilla.com,.push.apple.com,.notify.windows.com"
    push_feed_enabled: bool = True
    # Briefs: uploaded files live under BRIEFS_DIR (default <instance>/briefs) until this many days
    # after the core registered (or rejected) the brief; the receipt stays. Forwarding retries back off
    # from BRIEF_RETRY_BASE_SECONDS up to BRIEF_RETRY_CAP_SECONDS and never give up; a worker holds a
    # brief for BRIEF_FORWARD_LEASE_SECONDS (longer than one forwarding call can take).
    briefs_dir: str = ""
    brief_file_retention_days: int = 30
    brief_retry_base_seconds: int = 10
    brief_retry_cap_seconds: int = 900
    brief_forward_lease_seconds: int = 120
    rate_limit_briefs: str = "30 per minute"

    @classmethod
    def from_env(cls, environ: os._Environ | dict | None = None, **overrides) -> Settings:
        """Read every field from ``environ`` (the process environment by default), then apply overrides."""
        environ = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = environ.get(f.name.upper())
            if raw is None or raw == "":
                continue
            kind = f.type if isinstance(f.type, str) else f.type.__name__
            if kind == "bool":
                values[f.name] = _bool(raw)
            elif kind == "int":
                values[f.name] = _int(raw)
            elif kind == "float":
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        settings = cls(**values)
        return replace(settings, **overrides) if overrides else settings

    def __post_init__(self) -> None:
        if self.app_env not in ENVIRONMENTS:
            raise ValueError(f"APP_ENV must be one of {ENVIRONMENTS}, not {self.app_env!r}")
        if self.is_production and len(self.secret_key) < 32:
            raise ValueError("SECRET_KEY (at least 32 characters) is required when APP_ENV=production")
        if self.is_production and self.oidc_client_secret == SANDBOX_CLIENT_SECRET:
            raise ValueError("OIDC_CLIENT_SECRET must be set (not the sandbox default) when APP_ENV=production")

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def is_test(self) -> bool:
        return self.app_env == "test"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL with the psycopg 3 driver named, SQLite under instance/ by default."""
        url = self.database_url or f"sqlite:///{Path(self.instance_path) / 'hamrah.sqlite3'}"
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url

    def resolved_secret_key(self) -> str:
        """The configured key, or (outside production) one generated once and kept under instance/."""
        if self.secret_key:
            return self.secret_key
        path = Path(self.instance_path) / "secret_key"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key

    def as_dict(self) -> dict:
        return asdict(self)


settings = PerApp[Settings]("settings")
"""The current app's settings: ``config.settings().case_snapshot_days``."""
