"""The log checker the test command runs over a whole run's logs really finds what must not be there."""

import json

from scripts.check_logs import findings, main


def _line(msg: str) -> str:
    return json.dumps({"level": "info", "logger": "bff.x", "msg": msg}, ensure_ascii=False)


def test_flags_national_codes_mobiles_and_tokens():
    assert findings(_line("citizen 1668586614 signed in")) == ["national code 166…"]
    assert findings(_line("sms to 09121234567")) == ["mobile number"]
    assert findings(_line("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eHh4eCJ9.c2lnbmF0dXJlMTIz")) == ["JWT"]
    assert findings(_line("Authorization: Bearer abcdefghijklmnop")) == ["bearer token"]
    assert findings('{"refresh_token": "abcdefghijklmnop"}') == ["token field"]


def test_passes_masked_values_case_numbers_and_timestamps():
    assert findings(_line("citizen ******6614, mobile 0912***4567, Bearer [redacted]")) == []
    assert findings(_line("case 1403123456789012 at 1764300000")) == []  # 16 digits; an epoch is no code


def test_generated_request_ids_are_not_scanned(tmp_path):
    log = tmp_path / "logs.jsonl"
    log.write_text(json.dumps({"ts": "2026-01-01", "request_id": "15ff7b2192334b5085017455b9c273af",
                               "logger": "bff.access", "msg": "GET / 200"}) + "\n")
    assert main(["x", str(log)]) == 0
    log.write_text(json.dumps({"request_id": "x", "logger": "bff.access", "path": "/x/1668586614"}) + "\n")
    assert main(["x", str(log)]) == 1


def test_main_fails_on_a_finding_and_on_an_empty_log(tmp_path):
    log = tmp_path / "logs.jsonl"
    log.write_text(_line("ok") + "\n")
    assert main(["x", str(log)]) == 0
    log.write_text(_line("leak 1668586614") + "\n")
    assert main(["x", str(log)]) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert main(["x", str(empty)]) == 1
