"""The SMS provider sandbox (Kavenegar's protocol): parts, delivery reports over time, exactly-once
sends by local id, and every scripted failure."""

from __future__ import annotations

import time

import httpx
import pytest

from sandbox.config import Settings
from sandbox.sms.text import parts_of

TEXT = "همراه قضایی: ابلاغیه جدیدی دارید. برای دیدن وارد شوید"
RECEPTOR = "09121234567"


def provider(sandbox, timeout: float = 10) -> httpx.Client:
    return httpx.Client(base_url=f"{sandbox.sms_base_url}/v1/{sandbox.sms_api_key}", timeout=timeout)


def send(sandbox, **params) -> httpx.Response:
    with provider(sandbox) as http:
        return http.post("/sms/send.json", data={"receptor": RECEPTOR, "message": TEXT, **params})


def status_of(sandbox, messageid: int) -> int:
    with provider(sandbox) as http:
        return http.get("/sms/status.json", params={"messageid": messageid}).json()["entries"][0]["status"]


@pytest.mark.parametrize(("text", "encoding", "parts"), [
    ("ب" * 70, "ucs2", 1), ("ب" * 71, "ucs2", 2), ("ب" * 134, "ucs2", 2), ("ب" * 135, "ucs2", 3),
    ("a" * 160, "gsm7", 1), ("a" * 161, "gsm7", 2), ("a" * 306, "gsm7", 2), ("a" * 307, "gsm7", 3),
    ("€" * 80, "gsm7", 1), ("€" * 81, "gsm7", 2),  # the extension table takes two septets
    ("a" * 69 + "ب", "ucs2", 1), ("a" * 70 + "ب", "ucs2", 2),  # one Persian letter makes it all UCS-2
    ("😀" * 35, "ucs2", 1), ("😀" * 36, "ucs2", 2),  # beyond the BMP: two UTF-16 units each
    ("", "gsm7", 0),
    (TEXT, "ucs2", 1), (TEXT + " https://h.ir/n1", "ucs2", 1),  # the notice template and a short link
    (TEXT + " https://hmr.ir/n1", "ucs2", 2),
])
def test_texts_are_split_into_parts_by_their_encoding(text, encoding, parts):
    assert parts_of(text) == (encoding, parts)


def test_a_sent_message_is_recorded_with_its_parts_cost_and_the_citizen_it_reached(sandbox, persona):
    long_text = TEXT + " " + "ب" * 20  # 75 characters: two UCS-2 parts
    answer = send(sandbox, receptor=persona["mobile"], message=long_text, localid="n-1", tag="notice").json()
    [entry] = answer["entries"]
    assert (entry["status"], entry["statustext"], entry["cost"]) == (1, "در صف ارسال", 2000)
    assert entry["receptor"] == persona["mobile"] and entry["sender"] == "2000660110"
    assert abs(entry["date"] - time.time()) < 60
    [listed] = sandbox.sms_messages()
    assert listed["messageid"] == entry["messageid"] and listed["person"] == persona["sub"]
    assert (listed["message"], listed["encoding"], listed["parts"]) == (long_text, "ucs2", 2)
    assert (listed["localid"], listed["tag"]) == ("n-1", "notice")
    assert listed["status"] in (1, 4, 10) and listed["accepted_at"] is not None  # timings: see the next tests


@pytest.mark.parametrize(("operator_ms", "report_ms", "expected"), [
    ("60000", "120000", (1, False, False)), ("0", "60000", (4, True, False)), ("0", "0", (10, True, True)),
])
def test_the_delivery_report_follows_the_configured_timings(start_sandbox, operator_ms, report_ms, expected):
    sandbox = start_sandbox(SANDBOX_SMS_OPERATOR_AFTER_MS=operator_ms, SANDBOX_SMS_REPORT_AFTER_MS=report_ms)
    messageid = send(sandbox).json()["entries"][0]["messageid"]
    [listed] = sandbox.sms_messages()
    assert (status_of(sandbox, messageid), listed["sent_at"] is not None, listed["reported_at"] is not None) == expected


def test_statuses_only_move_forward_from_queued_to_delivered(start_sandbox):
    sandbox = start_sandbox(SANDBOX_SMS_OPERATOR_AFTER_MS="200", SANDBOX_SMS_REPORT_AFTER_MS="600")
    messageid = send(sandbox).json()["entries"][0]["messageid"]
    seen = [1]
    deadline = time.monotonic() + 20
    while seen[-1] != 10 and time.monotonic() < deadline:
        seen.append(status_of(sandbox, messageid))
        time.sleep(0.05)
    progress = [code for index, code in enumerate(seen) if index == 0 or code != seen[index - 1]]
    assert progress in ([1, 4, 10], [1, 10]), progress


def test_a_scripted_receptor_always_ends_undelivered_and_the_others_delivered(start_sandbox):
    sandbox = start_sandbox(SANDBOX_SMS_OPERATOR_AFTER_MS="0", SANDBOX_SMS_REPORT_AFTER_MS="0")
    sandbox.set_sms_faults(failing_receptors=["+989351112233"])
    entries = send(sandbox, receptor="09351112233,09121234567,9351112233").json()["entries"]
    assert [status_of(sandbox, e["messageid"]) for e in entries] == [11, 10, 11]
    assert {m["statustext"] for m in sandbox.sms_messages() if m["status"] == 11} == {"نرسیده به گیرنده"}


@pytest.mark.parametrize(("rate", "final"), [(1, 11), (0, 10)])
def test_the_undelivered_share_decides_the_final_report(start_sandbox, rate, final):
    sandbox = start_sandbox(SANDBOX_SMS_OPERATOR_AFTER_MS="0", SANDBOX_SMS_REPORT_AFTER_MS="0")
    sandbox.set_sms_faults(undelivered_rate=rate)
    entries = send(sandbox, receptor=",".join(["09121234567"] * 10)).json()["entries"]
    assert {status_of(sandbox, e["messageid"]) for e in entries} == {final}


def test_a_repeated_localid_sends_nothing_and_answers_the_first_message(sandbox):
    first = send(sandbox, localid="delivery-7").json()["entries"][0]
    again = send(sandbox, localid="delivery-7", message="متن دیگر").json()["entries"][0]
    assert again["messageid"] == first["messageid"] and again["message"] == TEXT
    assert len(sandbox.sms_messages()) == 1
    with provider(sandbox) as http:
        assert http.get("/account/info.json").json()["entries"]["remaincredit"] == 1_000_000_000 - 1000
        found = http.post("/sms/statuslocalmessageid.json", data={"localid": "delivery-7,delivery-8"}).json()
    assert [(e["localid"], e["messageid"]) for e in found["entries"]] == [
        ("delivery-7", first["messageid"]), ("delivery-8", 0)]
    assert found["entries"][1]["status"] == 100


def test_a_send_whose_answer_timed_out_was_taken_and_its_retry_does_not_duplicate(sandbox):
    sandbox.set_sms_faults(latency_ms=1500)
    with provider(sandbox, timeout=0.3) as http, pytest.raises(httpx.ReadTimeout):
        http.post("/sms/send.json", data={"receptor": RECEPTOR, "message": TEXT, "localid": "d-1"})
    sandbox.set_sms_faults()
    deadline = time.monotonic() + 5  # the answer was lost, the message was taken before it
    while not sandbox.sms_messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    [taken] = sandbox.sms_messages()
    retried = send(sandbox, localid="d-1").json()["entries"][0]
    assert retried["messageid"] == taken["messageid"] and len(sandbox.sms_messages()) == 1


def test_when_the_provider_is_down_it_answers_an_html_503_and_takes_nothing(sandbox):
    sandbox.set_sms_faults(down=True)
    response = send(sandbox)
    assert response.status_code == 503 and response.headers["Content-Type"].startswith("text/html")
    assert sandbox.sms_messages() == []
    sandbox.set_sms_faults()
    assert send(sandbox).status_code == 200


def test_a_hung_provider_times_the_client_out_and_takes_nothing(sandbox):
    sandbox.set_sms_faults(down=True, latency_ms=1000)
    with provider(sandbox, timeout=0.3) as http, pytest.raises(httpx.ReadTimeout):
        http.post("/sms/send.json", data={"receptor": RECEPTOR, "message": TEXT, "localid": "d-2"})
    time.sleep(1)
    sandbox.set_sms_faults()
    assert sandbox.sms_messages() == []
    with provider(sandbox) as http:
        [entry] = http.get("/sms/statuslocalmessageid.json", params={"localid": "d-2"}).json()["entries"]
    assert (entry["messageid"], entry["status"]) == (0, 100)


def test_every_provider_answer_is_labelled_sample_data(sandbox):
    assert send(sandbox).headers["X-Sample-Data"] == "true"
    assert send(sandbox, receptor="123").headers["X-Sample-Data"] == "true"


def test_a_failing_server_answers_409_in_the_protocol_and_takes_nothing(sandbox):
    sandbox.set_sms_faults(error_rate=1)
    answers = [send(sandbox) for _ in range(3)]
    assert all(a.status_code == 409 and a.json()["return"]["status"] == 409 for a in answers)
    assert sandbox.sms_messages() == []


def test_sends_beyond_the_rate_limit_are_refused_with_451_but_status_calls_are_not(sandbox):
    sandbox.set_sms_faults(rate_limit_per_minute=2)
    codes = [send(sandbox).status_code for _ in range(3)]
    assert codes == [200, 200, 451]
    assert len(sandbox.sms_messages()) == 2
    with provider(sandbox) as http:
        assert http.get("/sms/status.json", params={"messageid": "1"}).status_code == 200


def test_too_little_credit_refuses_the_whole_call_with_418(sandbox):
    sandbox.set_sms_faults(credit=1500)
    refused = send(sandbox, receptor="09121234567,09351234567")
    assert refused.status_code == 418 and refused.json()["entries"] is None
    assert sandbox.sms_messages() == []
    assert send(sandbox).status_code == 200
    assert sandbox.control("GET", "sms/faults").json()["credit"] == 500
    assert send(sandbox).status_code == 418


def test_with_links_restricted_only_a_text_with_a_link_is_refused_with_420(sandbox):
    sandbox.set_sms_faults(links_blocked=True)
    assert send(sandbox, message=TEXT + " https://hamrah.example/n").status_code == 420
    assert send(sandbox, message=TEXT + " www.hamrah.example").status_code == 420
    assert send(sandbox).status_code == 200


def test_a_wrong_api_key_is_refused_with_403_on_every_method(sandbox):
    with httpx.Client(base_url=f"{sandbox.sms_base_url}/v1/not-the-key") as http:
        for path in ("/sms/send.json", "/sms/status.json", "/sms/statuslocalmessageid.json", "/account/info.json"):
            response = http.post(path, data={"receptor": RECEPTOR, "message": TEXT, "messageid": "1"})
            assert response.status_code == 403 and response.json()["return"]["status"] == 403, path
    assert sandbox.sms_messages() == []


@pytest.mark.parametrize("written", ["09121234567", "9121234567", "989121234567", "+989121234567",
                                     "00989121234567", "۰۹۱۲۱۲۳۴۵۶۷", " 0912 123 4567 "])
def test_receptors_in_any_common_form_are_read_as_09_numbers(sandbox, written):
    assert send(sandbox, receptor=written).json()["entries"][0]["receptor"] == "09121234567"


@pytest.mark.parametrize("receptor", ["02188776655", "0912123456", "091212345678", "+449121234567", "abc"])
def test_a_receptor_that_is_not_an_iranian_mobile_refuses_the_call_with_411(sandbox, receptor):
    response = send(sandbox, receptor=f"09121234567,{receptor}")
    assert response.status_code == 411 and sandbox.sms_messages() == []


def test_parameters_go_by_query_or_form_with_names_in_any_case(sandbox):
    with provider(sandbox) as http:
        by_query = http.get("/sms/send.json", params={"Receptor": RECEPTOR, "MESSAGE": TEXT})
    assert by_query.status_code == 200
    assert send(sandbox).status_code == 200
    assert len(sandbox.sms_messages()) == 2


def test_a_message_with_a_future_date_is_scheduled_and_a_past_date_is_417(sandbox):
    later = int(time.time()) + 3600
    entry = send(sandbox, date=str(later)).json()["entries"][0]
    assert (entry["status"], entry["statustext"]) == (2, "زمان‌بندی شده")
    [listed] = sandbox.sms_messages()
    assert listed["scheduled_for"] is not None and listed["sent_at"] is None
    assert send(sandbox, date=str(int(time.time()) - 3600)).status_code == 417
    assert send(sandbox, date="tomorrow").status_code == 417


def test_too_long_or_empty_texts_are_413_and_eight_parts_still_go(sandbox):
    assert send(sandbox, message="ب" * (8 * 67)).status_code == 200
    assert send(sandbox, message="ب" * (8 * 67 + 1)).status_code == 413
    assert send(sandbox, message="").status_code == 413


def test_unknown_message_ids_have_status_100_and_non_numbers_are_400(sandbox):
    sent = send(sandbox).json()["entries"][0]["messageid"]
    with provider(sandbox) as http:
        entries = http.get("/sms/status.json", params={"messageid": f"{sent},12345"}).json()["entries"]
        assert [e["messageid"] for e in entries] == [sent, 12345]
        assert entries[0]["status"] in (1, 4, 10) and entries[1]["status"] == 100
        assert http.get("/sms/status.json", params={"messageid": "12a"}).status_code == 400


def test_control_filters_by_receptor_and_clearing_keeps_credit_and_faults(sandbox):
    sandbox.set_sms_faults(rate_limit_per_minute=50)
    send(sandbox, receptor="09121234567,09351234567")
    assert [m["receptor"] for m in sandbox.sms_messages("+989351234567")] == ["09351234567"]
    assert sandbox.control("GET", "sms/messages?receptor=123").status_code == 400
    assert sandbox.clear_sms() == 2
    assert sandbox.sms_messages() == []
    faults = sandbox.control("GET", "sms/faults").json()
    assert faults["rate_limit_per_minute"] == 50 and faults["credit"] == 1_000_000_000 - 2000


def test_the_sandbox_reset_clears_messages_faults_and_credit(sandbox):
    send(sandbox)
    sandbox.set_sms_faults(down=True, credit=5)
    sandbox.reset()
    assert sandbox.sms_messages() == []
    assert sandbox.control("GET", "sms/faults").json() == {
        "down": False, "latency_ms": 0, "error_rate": 0.0, "rate_limit_per_minute": 0, "undelivered_rate": 0.0,
        "failing_receptors": [], "links_blocked": False, "credit": 1_000_000_000}


def test_message_ids_keep_growing_across_a_clear_and_a_reset(sandbox):
    first = send(sandbox).json()["entries"][0]["messageid"]
    sandbox.clear_sms()
    second = send(sandbox).json()["entries"][0]["messageid"]
    sandbox.reset()
    third = send(sandbox).json()["entries"][0]["messageid"]
    assert first < second < third
    assert status_of(sandbox, first) == 100


@pytest.mark.parametrize("faults", [{"down": "yes"}, {"latency_ms": -1}, {"error_rate": 2}, {"undelivered_rate": "x"},
                                    {"rate_limit_per_minute": 1.5}, {"failing_receptors": "09121234567"},
                                    {"failing_receptors": ["123"]}, {"credit": -1}, {"links_blocked": 1}])
def test_malformed_sms_faults_are_400_and_change_nothing(sandbox, faults):
    before = sandbox.control("GET", "sms/faults").json()
    response = sandbox.control("PUT", "sms/faults", json=faults)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    assert sandbox.control("GET", "sms/faults").json() == before


def test_the_account_overview_names_the_base_url_key_line_and_timings(sandbox):
    overview = sandbox.control("GET", "sms").json()
    assert overview["base_url"] == sandbox.sms_base_url and overview["api_key"] == sandbox.sms_api_key
    timings = (overview["operator_after_ms"], overview["report_after_ms"])
    assert overview["sender"] == "2000660110" and timings == (1000, 5000)


def test_plain_mode_serves_the_provider_but_not_its_control_api(start_sandbox):
    plain = start_sandbox(SANDBOX_MODE="plain")
    assert send(plain).status_code == 200
    assert plain.control("GET", "sms/messages").status_code == 404
    assert plain.control("PUT", "sms/faults", json={}).status_code == 404


@pytest.mark.parametrize("setting", [{"SANDBOX_SMS_API_KEY": "a key/with slash"}, {"SANDBOX_SMS_SENDER": "30x"},
                                     {"SANDBOX_SMS_REPORT_AFTER_MS": "-1"}, {"SANDBOX_SMS_API_KEY": ""}])
def test_malformed_sms_settings_stop_the_sandbox_from_starting(setting):
    with pytest.raises(ValueError):
        Settings.load(setting, environ={})


def test_a_report_delay_shorter_than_the_operator_delay_is_raised_to_it():
    settings = Settings.load({"SANDBOX_SMS_OPERATOR_AFTER_MS": "3000", "SANDBOX_SMS_REPORT_AFTER_MS": "1000"},
                             environ={})
    assert (settings.sms_operator_after_ms, settings.sms_report_after_ms) == (3000, 3000)


def test_a_number_shared_by_two_sample_citizens_names_neither(sandbox, citizens):
    store = sandbox.app.extensions["sandbox"].store
    with store.lock:  # the crowd of load-test citizens draws numbers at random, so two may share one
        store.citizens[citizens[1]["sub"]].mobile = citizens[0]["mobile"]
    send(sandbox, receptor=f"{citizens[0]['mobile']},{citizens[2]['mobile']}")
    assert [m["person"] for m in sandbox.sms_messages()] == [None, citizens[2]["sub"]]
