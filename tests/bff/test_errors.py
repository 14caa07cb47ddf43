"""Every error leaves as application/problem+json, in Persian by default and English on request."""

import marshmallow as ma
import pytest
from flask.views import MethodView
from flask_smorest import Blueprint

from bff import create_app
from tests.support import csrf_headers, make_settings

PROBLEM = "application/problem+json"


def test_unknown_api_path_is_a_persian_problem_by_default(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == 404
    assert body["code"] == "not_found"
    assert body["title"] == "پیدا نشد"
    assert "request_id" in body


def test_unknown_api_path_is_english_when_asked(client):
    body = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "en-US,en;q=0.9"}).get_json()
    assert body["title"] == "Not found"
    assert body["detail"] == "Nothing exists at this address."


def test_unsupported_language_falls_back_to_persian(client):
    body = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "de"}).get_json()
    assert body["title"] == "پیدا نشد"


def test_wrong_method_is_405_with_allow_header(client):
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert response.mimetype == PROBLEM
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    assert "DELETE" in response.get_json()["detail"]


def test_unknown_api_path_with_unsafe_method_is_404_not_405(client):
    assert client.post("/api/v1/no-such-thing").status_code == 404


class EchoArgs(ma.Schema):
    lat = ma.fields.Float(required=True, validate=ma.validate.Range(min=-90, max=90))
    limit = ma.fields.Integer(load_default=10, validate=ma.validate.Range(min=1, max=50))


@pytest.fixture(scope="module")
def demo_app(migrated_database):
    """An app with one extra validated route and one that fails, to exercise 422 and 500."""
    app = create_app(make_settings(max_content_length=1024))
    blp = Blueprint("demo", __name__)

    @blp.route("/api/v1/demo")
    class Demo(MethodView):
        @blp.arguments(EchoArgs, location="query")
        @blp.response(200)
        def get(self, args):
            return args

        @blp.response(200)
        def post(self):
            from flask import request

            return {"size": len(request.get_data())}

    @blp.route("/api/v1/boom")
    class Boom(MethodView):
        @blp.response(200)
        def get(self):
            raise RuntimeError("secret internal detail")

    from bff.platform.api import api

    with app.app_context():
        api.register_blueprint(blp)
    return app


def test_validation_error_is_422_naming_the_field_in_persian(demo_app):
    response = demo_app.test_client().get("/api/v1/demo?lat=91")
    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == "validation_failed"
    assert list(body["errors"]) == ["lat"]
    assert body["errors"]["lat"] == ["باید بین -90 و 90 باشد."]
    assert "lat" in body["detail"]


def test_validation_error_is_english_when_asked(demo_app):
    body = demo_app.test_client().get("/api/v1/demo?limit=abc", headers={"Accept-Language": "en"}).get_json()
    assert body["errors"] == {"lat": ["This value is required."], "limit": ["Must be a number."]}
    assert body["title"] == "Invalid input"


def test_body_over_max_content_length_is_413(demo_app):
    client = demo_app.test_client()
    response = client.post("/api/v1/demo", data=b"x" * 4096,
                           headers={"Content-Type": "application/octet-stream", **csrf_headers(client)})
    assert response.status_code == 413
    assert response.mimetype == PROBLEM
    assert response.get_json()["code"] == "payload_too_large"


def test_unhandled_exception_is_500_without_internals(demo_app, caplog):
    response = demo_app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.mimetype == PROBLEM
    text = response.get_data(as_text=True)
    assert "secret internal detail" not in text
    assert "Traceback" not in text
    assert response.get_json()["title"] == "خطای داخلی سرور"
    assert any("secret internal detail" in (r.exc_text or str(r.exc_info)) for r in caplog.records)
