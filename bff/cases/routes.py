"""GET /api/v1/cases, /api/v1/cases/<id>, /api/v1/hearings and the hearings calendar (.ics)."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from bff.auth.access import signed_in
from bff.auth.service import Citizen
from bff.cases import service
from bff.cases.calendar import hearings_calendar
from bff.cases.schemas import CaseDetailSchema, CaseListSchema, HearingListSchema
from bff.platform.api import calls_the_core
from bff.platform.i18n import current_language

bp = Blueprint("cases", __name__, description="Your cases, their hearings and a calendar of hearings. "
                                              "When the core is down, your last copy is served with `stale: true`.")

CALENDAR = {"type": "string", "description": "An RFC 5545 iCalendar file"}


def _calendar_response(content: bytes, filename: str) -> Response:
    return Response(content, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/api/v1/cases")
class Cases(MethodView):
    @bp.response(200, CaseListSchema)
    @signed_in
    @calls_the_core
    def get(self, citizen: Citizen):
        """Your cases: soonest next hearing first, then the most recently changed."""
        return service.list_cases(citizen)


@bp.route("/api/v1/cases/<case_id>")
class Case(MethodView):
    @bp.response(200, CaseDetailSchema)
    @signed_in
    @calls_the_core
    def get(self, case_id: str, citizen: Citizen):
        """One of your cases: parties, branch, status, timeline and hearings (not yours: 404)."""
        return service.get_case(citizen, case_id)


@bp.route("/api/v1/hearings")
class Hearings(MethodView):
    @bp.response(200, HearingListSchema)
    @signed_in
    @calls_the_core
    def get(self, citizen: Citizen):
        """Upcoming hearings of all your cases, soonest first (cancelled ones included)."""
        return service.upcoming_hearings(citizen)


@bp.route("/api/v1/hearings.ics")
class HearingsCalendar(MethodView):
    @bp.response(200, CALENDAR, content_type="text/calendar")
    @signed_in
    @calls_the_core
    def get(self, citizen: Citizen):
        """Your upcoming hearings as an iCalendar file (Tehran time; cancelled ones marked CANCELLED)."""
        result = service.upcoming_hearings(citizen)
        content = hearings_calendar(result["hearings"], owner=citizen.sub, stamp=result["fetched_at"],
                                    lang=current_language())
        return _calendar_response(content, "hearings.ics")


@bp.route("/api/v1/hearings/<hearing_id>.ics")
class HearingCalendar(MethodView):
    @bp.response(200, CALENDAR, content_type="text/calendar")
    @signed_in
    @calls_the_core
    def get(self, hearing_id: str, citizen: Citizen):
        """One upcoming hearing as an iCalendar file, to add to a phone's calendar."""
        hearing, result = service.upcoming_hearing(citizen, hearing_id)
        content = hearings_calendar([hearing], owner=citizen.sub, stamp=result["fetched_at"],
                                    lang=current_language())
        return _calendar_response(content, f"hearing-{hearing_id}.ics")
