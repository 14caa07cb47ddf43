"""Every write is rate limited per citizen, and office search per address; limits answer 429 problems."""

import pytest

from bff import create_app
from bff.platform.limits import limiter
from tests.support import csrf_headers, make_settings


@pytest.fixture
def tight(migrated_database):
    app = create_app(make_settings(rate_limit_writes="3 per minute", rate_limit_search="4 per minute"))
    with app.app_context():
        limiter.reset()
    return app


def test_office_search_is_limited_per_address(tight):
    client = tight.test_client()
    codes = [client.get("/api/v1/offices/nearest?lat=35.7&lon=51.4",
                        environ_base={"REMOTE_ADDR": "203.0.113.20"}).status_code for _ in range(5)]
    assert codes[:4] == [200] * 4
    assert codes[4] == 429
    other = client.get("/api/v1/offices?q=تهران", environ_base={"REMOTE_ADDR": "203.0.113.21"})
    assert other.status_code == 200


def test_limited_response_is_a_localised_problem_with_retry_after(tight):
    client = tight.test_client()
    for _ in range(4):
        client.get("/api/v1/offices?q=x", environ_base={"REMOTE_ADDR": "203.0.113.22"})
    response = client.get("/api/v1/offices?q=x", headers={"Accept-Language": "en"},
                          environ_base={"REMOTE_ADDR": "203.0.113.22"})
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Too many requests"
    assert int(response.headers["Retry-After"]) > 0


def test_the_office_bundle_is_not_counted_as_search(tight):
    client = tight.test_client()
    codes = {client.get("/api/v1/offices/bundle", environ_base={"REMOTE_ADDR": "203.0.113.23"}).status_code
             for _ in range(8)}
    assert 429 not in codes


def test_writes_are_limited_per_citizen(tight):
    client = tight.test_client()
    codes = [client.post("/auth/logout", headers=csrf_headers(client)).status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429


def test_every_unsafe_route_is_under_a_limit(tight):
    """No POST/PUT/PATCH/DELETE endpoint escapes the write limit (or a stricter one of its own)."""
    manager = limiter.limit_manager
    limited_blueprints = set(manager._blueprint_limits)
    unlimited = []
    for rule in tight.url_map.iter_rules():
        unsafe = rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
        if not unsafe:
            continue
        blueprint = rule.endpoint.rsplit(".", 1)[0] if "." in rule.endpoint else None
        if blueprint not in limited_blueprints:
            unlimited.append(f"{sorted(unsafe)} {rule.rule}")
    assert unlimited == []
