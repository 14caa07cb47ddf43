"""Settings come typed from the environment, with safe defaults and a hard stop in production."""

import pytest

from bff.platform.config import Settings


def test_environment_values_are_typed():
    settings = Settings.from_env({"CORE_SANDBOX": "false", "MAX_CONTENT_LENGTH": "1024",
                                  "CORE_READ_TIMEOUT": "2.5", "REDIS_URL": "redis://x:6379/1"})
    assert settings.core_sandbox is False
    assert settings.max_content_length == 1024
    assert settings.core_read_timeout == 2.5
    assert settings.redis_url == "redis://x:6379/1"


def test_defaults_are_embedded_sqlite_under_instance(tmp_path):
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    assert settings.sqlalchemy_url == f"sqlite:///{tmp_path}/hamrah.sqlite3"
    assert settings.redis_url == ""


def test_postgres_urls_use_psycopg3():
    url = Settings.from_env({"DATABASE_URL": "postgres://u@h:5432/db"}).sqlalchemy_url
    assert url == "postgresql+psycopg://u@h:5432/db"


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ValueError, match="SECRET_KEY"):
        Settings.from_env({"APP_ENV": "production"})


def test_unknown_environment_is_refused():
    with pytest.raises(ValueError, match="APP_ENV"):
        Settings.from_env({"APP_ENV": "staging"})


def test_development_secret_key_is_generated_once_and_kept(tmp_path):
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    first = settings.resolved_secret_key()
    assert len(first) >= 48
    assert settings.resolved_secret_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_the_sandbox_client_secret():
    with pytest.raises(ValueError, match="OIDC_CLIENT_SECRET"):
        Settings.from_env({"APP_ENV": "production", "SECRET_KEY": "k" * 40})
