"""GET /api/v1/offices, /offices/nearest, /offices/bundle, /offices/<code> and /api/v1/catalog (public)."""

from __future__ import annotations

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from bff.offices import service
from bff.offices.schemas import (
    BundleSchema,
    CatalogSchema,
    NearestArgs,
    NearOfficeSchema,
    OfficeSchema,
    SearchArgs,
)
from bff.platform import clock
from bff.platform.limits import search_limit

bp = Blueprint("offices", __name__, description="The judicial e-services offices (public registry)")


@bp.route("/api/v1/offices/nearest")
class Nearest(MethodView):
    decorators = (search_limit(),)

    @bp.arguments(NearestArgs(), location="query")
    @bp.response(200, NearOfficeSchema(many=True))
    @bp.alt_response(429, response="TOO_MANY_REQUESTS")
    def get(self, args):
        """The nearest offices to a point that match the filters, nearest first (exact great-circle order)."""
        body = service.nearest_json(args["lat"], args["lon"], limit=args["limit"], kind=args["kind"],
                                    service=args["service"], open_now=args["open_now"], max_km=args["max_km"])
        return Response(body, mimetype="application/json")


@bp.route("/api/v1/offices")
class Offices(MethodView):
    decorators = (search_limit(),)

    @bp.arguments(SearchArgs(), location="query")
    @bp.response(200, OfficeSchema(many=True))
    @bp.alt_response(429, response="TOO_MANY_REQUESTS")
    @bp.paginate()
    def get(self, args, pagination_parameters):
        """Search offices by name, city, county or address (Persian-normalised), with filters; paginated."""
        now = clock.utcnow()
        directory, found = service.search(now=now, **args)
        pagination_parameters.item_count = len(found)
        start = pagination_parameters.first_item
        page = found[start:start + pagination_parameters.page_size]
        return [service.item(directory, entry, now) for entry in page]


@bp.route("/api/v1/offices/bundle")
class OfficeBundle(MethodView):
    @bp.response(200, BundleSchema)
    @bp.alt_response(304, description="Not modified: the ETag in If-None-Match is current")
    def get(self):
        """Every active office, compact, for offline use; strong ETag, 304 on If-None-Match, gzip."""
        bundle = service.directory().bundle()
        gzipped = request.accept_encodings["gzip"] > 0
        etag = bundle.gzip_etag if gzipped else bundle.etag
        if any(request.if_none_match.contains(tag) for tag in (bundle.etag, bundle.gzip_etag)):
            response = Response(status=304)
        else:
            response = Response(bundle.gzipped if gzipped else bundle.body, mimetype="application/json")
            if gzipped:
                response.headers["Content-Encoding"] = "gzip"
        response.set_etag(etag)
        response.headers["Cache-Control"] = "public, no-cache"
        response.vary.add("Accept-Encoding")
        return response


@bp.route("/api/v1/offices/<string:code>")
class OfficeDetail(MethodView):
    @bp.response(200, OfficeSchema)
    def get(self, code):
        """One office, with whether it is open now and when that changes."""
        return service.get_office(code)


@bp.route("/api/v1/catalog")
class Catalog(MethodView):
    @bp.response(200, CatalogSchema)
    def get(self):
        """Office kinds, services, case subjects and provinces, labelled in the request's language."""
        return service.catalog()
