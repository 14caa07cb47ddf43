"""Request ids are accepted or generated and echoed; log lines are JSON with the id; PII is masked."""

import json
import logging

from bff.platform.logs import JsonFormatter, redact


def test_valid_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123.x"})
    assert response.headers["X-Request-ID"] == "abc-123.x"


def test_missing_or_hostile_request_id_is_replaced(client):
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32
    for hostile in ("<script>alert(1)</script>", "x" * 500, "id with spaces"):
        echoed = client.get("/healthz", headers={"X-Request-ID": hostile}).headers["X-Request-ID"]
        assert echoed != hostile and len(echoed) == 32


def test_access_log_line_is_json_with_request_id_and_route(client, caplog):
    caplog.set_level(logging.INFO, logger="bff.access")
    client.get("/healthz", headers={"X-Request-ID": "req-42"})
    record = next(r for r in caplog.records if r.name == "bff.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42"
    assert line["status"] == 200
    assert line["route"] == "/healthz"
    assert isinstance(line["duration_ms"], float)


def test_problem_body_carries_the_same_request_id(client):
    response = client.get("/api/v1/missing", headers={"X-Request-ID": "trace-me"})
    assert response.get_json()["request_id"] == "trace-me"


def test_redaction_masks_national_codes_mobiles_and_tokens():
    text = redact("user 0012345679 mobile 09121234567 +989121234567 Bearer eyJabc.def.ghi case 1403123456789012")
    assert "0012345679" not in text and text.count("5679") == 1
    assert "09121234567" not in text and "+989121234567" not in text
    assert "eyJabc" not in text
    assert "1403123456789012" in text  # 16-digit case numbers are not personal
