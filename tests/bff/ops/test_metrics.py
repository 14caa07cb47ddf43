"""Prometheus metrics: latency by route, the core's breaker, queue depth — for operators only."""

from bff import create_app
from tests.support import make_settings


def test_metrics_are_refused_to_a_public_address(client):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


def test_metrics_from_loopback_include_request_latency_by_route_and_queue_depth(client):
    client.get("/healthz")
    body = client.get("/metrics").get_data(as_text=True)
    assert 'hamrah_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}' in body
    assert "hamrah_queue_depth " in body
    assert "hamrah_core_breaker_open" in body


def test_ids_never_become_metric_labels(client):
    client.get("/api/v1/no-such-thing/12345")
    body = client.get("/metrics").get_data(as_text=True)
    assert "12345" not in body
    assert 'route="unmatched"' in body


def test_with_a_token_configured_only_the_bearer_may_scrape(migrated_database):
    app = create_app(make_settings(metrics_token="s3cret-scrape"))
    client = app.test_client()
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"},
                    environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert ok.status_code == 200 and ok.headers["Cache-Control"] == "no-store"


def test_core_calls_are_timed_by_route_template(core_app, signed_in):
    client = signed_in()
    with core_app.app_context():
        from sqlalchemy import select

        from bff.auth.grants import GrantTokens
        from bff.auth.models import AuthGrant
        from bff.platform.db import db

        tokens = GrantTokens(db.session.scalar(select(AuthGrant.id)))
        core_app.extensions["core"].cases.me(tokens)
    body = client.get("/metrics").get_data(as_text=True)
    assert 'hamrah_core_call_duration_seconds_count{outcome="ok",route="/core/v1/me"}' in body
