"""GET /api/v1/push/key, /api/v1/push/subscriptions, /api/v1/push/preferences, POST /api/v1/push/test."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from bff import queue
from bff.auth.access import signed_in
from bff.auth.service import Citizen
from bff.platform.api import problem
from bff.platform.i18n import current_language
from bff.platform.limits import limiter
from bff.push import service, tasks
from bff.push.preferences import preferences_of
from bff.push.schemas import (
    DeviceListSchema,
    DeviceSchema,
    EndpointSchema,
    PreferencesSchema,
    SubscriptionInSchema,
    TestPushSchema,
    VapidKeySchema,
)

bp = Blueprint("push", __name__, description="Web Push: this server's key, devices, preferences, test push")


@bp.route("/api/v1/push/key")
class Key(MethodView):
    @bp.response(200, VapidKeySchema)
    @bp.alt_response(503, **problem("Push is not configured on this server"))
    def get(self):
        """The server's VAPID public key (the applicationServerKey browsers subscribe with)."""
        key = service.vapid_key()
        return {"public_key": key.application_server_key, "key_id": key.key_id}


@bp.route("/api/v1/push/subscriptions")
class Subscriptions(MethodView):
    @bp.response(200, DeviceListSchema)
    @signed_in
    def get(self, citizen: Citizen):
        """My devices that receive pushes."""
        return {"devices": service.devices(citizen.sub)}

    @bp.arguments(SubscriptionInSchema)
    @bp.response(200, DeviceSchema)
    @bp.alt_response(409, **problem("push_key_changed: subscribe again with the server's current key"))
    @bp.alt_response(410, **problem("push_subscription_retired: the push service dropped it; subscribe again"))
    @signed_in
    def post(self, data, citizen: Citizen):
        """Add this device (or refresh it: one row per endpoint), bound to the signed-in citizen."""
        device, new = service.upsert_subscription(citizen, data, request.headers.get("User-Agent", ""),
                                                  current_language())
        if new:  # the reminders of hearings the feed announced before; the hourly sync catches up otherwise
            queue.enqueue(tasks.sync_citizen_hearings, citizen.sub, citizen.grant_id,
                          failure="could not enqueue the hearing catch-up")
        return device

    @bp.arguments(EndpointSchema)
    @bp.response(204)
    @bp.alt_response(404, **problem("No device of mine has this endpoint"))
    @signed_in
    def delete(self, data, citizen: Citizen):
        """Stop pushes to this device (by its endpoint)."""
        service.remove_device(citizen.sub, endpoint=data["endpoint"])


# Device ids are 32-bit database integers: a larger number names no device (404), not a database error.
@bp.route("/api/v1/push/subscriptions/<int(max=2147483647):subscription_id>")
class Device(MethodView):
    @bp.response(204)
    @signed_in
    def delete(self, subscription_id: int, citizen: Citizen):
        """Remove one of my devices from the list."""
        service.remove_device(citizen.sub, subscription_id=subscription_id)


@bp.route("/api/v1/push/preferences")
class Preferences(MethodView):
    @bp.response(200, PreferencesSchema)
    @signed_in
    def get(self, citizen: Citizen):
        """My notification choices: topics, reminder lead times, quiet hours, lock-screen details."""
        return preferences_of(citizen.sub).as_json()

    @bp.arguments(PreferencesSchema)
    @bp.response(200, PreferencesSchema)
    @signed_in
    def put(self, data, citizen: Citizen):
        """Change my notification choices; upcoming reminders are planned again to match."""
        return service.update_preferences(citizen.sub, data).as_json()


@bp.route("/api/v1/push/test")
class TestPush(MethodView):
    decorators = (limiter.limit("6 per minute", methods=["POST"]),)

    @bp.response(202, TestPushSchema)
    @bp.alt_response(409, **problem("push_no_devices: no device of mine is subscribed"))
    @signed_in
    def post(self, citizen: Citizen):
        """Send a test push to each of my devices."""
        return {"devices": service.send_test(citizen.sub)}
