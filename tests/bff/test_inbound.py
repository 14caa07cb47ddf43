"""A NUL in the path, the query string or a JSON body is a malformed request (400), never a database error."""

import pytest

from tests.support import csrf_headers


def assert_bad_request(response) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "bad_request"


@pytest.mark.parametrize("path", ["/api/v1/briefs/a%00b", "/api/v1/offices/%00", "/api/v1/notices/n-1%00"])
def test_nul_in_the_path_is_a_bad_request(client, path):
    assert_bad_request(client.get(path))


def test_nul_in_the_query_string_is_a_bad_request(client):
    assert_bad_request(client.get("/api/v1/offices?q=%00"))
    assert_bad_request(client.get("/auth/login?next=/cases%00"))


def test_nul_in_a_json_body_is_a_bad_request(client):
    body = '{"endpoint": "https://push.example/a\\u0000b", "keys": {"p256dh": "x", "auth": "y"}}'
    response = client.post("/api/v1/push/subscriptions", data=body, content_type="application/json",
                           headers=csrf_headers(client))
    assert_bad_request(response)


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(client):
    body = '{"language": "fa\\\\u0000"}'
    response = client.put("/api/v1/push/preferences", data=body, content_type="application/json",
                          headers=csrf_headers(client))
    assert response.status_code == 422  # past the check, refused by the field's own validation
