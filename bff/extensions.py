"""Extensions created unbound here and bound to the app in create_app()."""

from __future__ import annotations

import os
from pathlib import Path

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from huey import RedisHuey, SqliteHuey
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from bff.api import Api
from bff.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
api = Api()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def make_huey(settings: Settings):
    """RedisHuey when REDIS_URL is set (workers on many machines), else SqliteHuey under instance/."""
    if settings.redis_url:
        return RedisHuey(settings.queue_name, url=settings.redis_url, utc=True)
    path = Path(settings.instance_path)
    path.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(settings.queue_name, filename=str(path / "huey.sqlite3"), utc=True)


# Huey tasks are declared at import time, so the queue is chosen from the environment at import time
# too; the web process and the consumer read the same variables.
huey = make_huey(Settings.from_env(app_env=os.environ.get("APP_ENV") or "development"))
