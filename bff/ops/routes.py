"""GET /healthz, GET /readyz and GET /api/v1/app-config."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from bff.ops import service
from bff.ops.schemas import AppConfigSchema, HealthSchema, ReadinessSchema
from bff.platform import config
from bff.platform.api import problem
from bff.platform.errors import problem_response
from bff.platform.i18n import t

bp = Blueprint("ops", __name__, description="Operations and runtime configuration")


@bp.route("/healthz")
class Health(MethodView):
    @bp.response(200, HealthSchema)
    def get(self):
        """The process is alive (no dependency is checked)."""
        return {"status": "ok"}


@bp.route("/readyz")
class Readiness(MethodView):
    @bp.response(200, ReadinessSchema)
    @bp.alt_response(503, **problem("A dependency failed; `checks` and `failed` say which"))
    def get(self):
        """The database (at the expected migration) and the queue answer; 503 names the ones that do not.

        The core's circuit breaker is reported too, but does not make the app unready.
        """
        checks = service.readiness()
        beat = service.last_heartbeat() if checks["database"]["ok"] else None
        worker = {"last_heartbeat": beat.isoformat() if beat else None}
        core = service.core_state()
        if all(check["ok"] for check in checks.values()):
            return {"status": "ready", "checks": checks, "worker": worker, "core": core}
        failed = [name for name, check in checks.items() if not check["ok"]]
        return problem_response(503, "not_ready", detail=t("errors.not_ready.detail", failed=", ".join(failed)),
                                checks=checks, failed=failed, core=core, headers={"Retry-After": "5"})


@bp.route("/api/v1/app-config")
class AppConfig(MethodView):
    @bp.response(200, AppConfigSchema)
    def get(self):
        """What the PWA needs to know at start: sample-data mode, version, languages, map tiles."""
        settings = config.settings()
        return {
            "sandbox": settings.core_sandbox,
            "version": current_app.config["APP_VERSION"],
            "languages": ["fa", "en"],
            "map_tile_url": settings.map_tile_url,
        }
