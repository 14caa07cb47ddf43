"""The core client's transport over real HTTP to the sandbox: allow-list, ids, tokens, timeouts, retries, breaker."""

import time

import pybreaker
import pytest

from bff.core_client import CoreRejected, CoreTimeout, CoreUnavailable, NotAnId, endpoints
from bff.core_client import core as core_of_app
from bff.core_client.conversation import path
from bff.core_client.endpoints import ROUTES
from bff.platform.outbound import Route


@pytest.fixture
def core(core_app):
    client = core_of_app.of(core_app)
    transport = client.transport
    saved = (transport.retries, transport.backoff_base, client.breaker.fail_max)
    with core_app.app_context():
        yield client
    transport.retries, transport.backoff_base, client.breaker.fail_max = saved


@pytest.fixture
def persona_tokens(core_app, signed_in):
    """The demo persona's grant, as the core client uses it."""
    from sqlalchemy import select

    from bff.auth.grants import GrantTokens
    from bff.auth.models import AuthGrant
    from bff.platform.db import db

    signed_in()
    with core_app.app_context():
        yield GrantTokens(db.session.scalar(select(AuthGrant.id)))


def test_paths_off_the_allow_list_are_refused_before_leaving(core):
    with pytest.raises(PermissionError):
        core.cases.as_service(endpoints.CASES)  # a citizen path with the service credential
    with pytest.raises(PermissionError):
        core.transport.route_for("DELETE", "/core/v1/cases/c-1")
    with pytest.raises(PermissionError):
        core.transport.route_for("GET", "/core/v1/cases/../control")
    with pytest.raises(PermissionError):  # a route nobody declared
        core.transport.check(Route("GET", "/core/v1/control", "service", True), "/core/v1/control")


@pytest.mark.parametrize("bad", ["..", ".", "-x", "_x", ".hidden", "c-1/../x", "c 1", "", "x" * 65, "c-1%2f..",
                                 "\u06a9-\u06f1"])
def test_ids_that_break_the_id_rule_are_not_found_and_never_sent(core, persona_tokens, bad, monkeypatch):
    sent = []
    monkeypatch.setattr(core.transport.http, "request", lambda *args, **kwargs: sent.append(args))
    with pytest.raises(NotAnId) as caught:
        core.cases.get(persona_tokens, bad)
    assert sent == []
    problem = caught.value.to_problem()
    assert problem.status == 404 and problem.code == "not_found"


def test_ids_that_keep_the_id_rule_fill_the_path():
    filled = path(endpoints.NOTICE_DOCUMENT, notice_id="n-1.2_3", document_id="D9")
    assert filled == "/core/v1/notices/n-1.2_3/documents/D9"


def test_every_allow_listed_path_exists_in_the_core_contract():
    import yaml

    from tests.support import ROOT

    contract = yaml.safe_load((ROOT / "sandbox" / "openapi" / "core-v1.yaml").read_text())
    prefix = contract["servers"][0]["url"].rstrip("/")
    paths = {(prefix + path).replace("{", "<").replace("}", ">"): set(ops) for path, ops in contract["paths"].items()}
    for route in ROUTES:
        template = route.template.replace("{", "<").replace("}", ">")
        matching = [p for p in paths if _same_shape(p, template)]
        assert matching, f"{route.template} is not in the core contract"
        assert route.method.lower() in paths[matching[0]], f"{route.method} {route.template} not in the contract"


def _same_shape(a: str, b: str) -> bool:
    sa, sb = a.split("/"), b.split("/")
    if len(sa) != len(sb):
        return False
    return all(x == y or (x.startswith("<") and y.startswith("<")) for x, y in zip(sa, sb, strict=True))


def test_service_calls_use_the_client_credentials_token(core):
    assert core.events.head().isdigit()


def test_citizen_calls_carry_the_citizens_own_token(core, persona_tokens, citizens):
    assert core.cases.me(persona_tokens).national_code == citizens[0]["national_code"]


def test_another_citizens_case_is_rejected_by_the_core_and_maps_to_404(core, persona_tokens, citizens):
    mine = set(citizens[0]["case_ids"])
    other = next(case for c in citizens[1:] for case in c["case_ids"] if case not in mine)
    with pytest.raises(CoreRejected) as caught:
        core.cases.get(persona_tokens, other)
    assert caught.value.status == 403
    problem = caught.value.to_problem()
    assert problem.status == 404 and problem.code == "not_found"


def test_slow_core_is_cut_off_at_the_read_timeout(core, sandbox, persona_tokens):
    sandbox.set_faults(latency_ms=3000)
    core.transport.retries = 0
    started = time.monotonic()
    with pytest.raises(CoreTimeout):
        core.cases.list(persona_tokens)
    assert time.monotonic() - started < 2.9


def test_idempotent_calls_are_retried_through_transient_errors(core, sandbox, persona_tokens):
    sandbox.set_faults(error_rate=0.3)
    core.transport.retries = 10  # a call fails only if 11 attempts in a row fail: 0.3**11, about 2e-6
    core.transport.backoff_base = 0.01
    core.breaker.fail_max = 1000  # this test is about retries, not about the breaker opening
    successes = sum(isinstance(core.cases.list(persona_tokens), list) for _ in range(10))
    assert successes == 10


def test_non_idempotent_calls_are_not_retried(core, sandbox, persona_tokens, citizens, monkeypatch):
    calls = []
    original = core.transport.http.request

    def counting(method, url, **kwargs):
        calls.append(method)
        return original(method, url, **kwargs)

    monkeypatch.setattr(core.transport.http, "request", counting)
    sandbox.set_faults(down=True)
    case_id = citizens[0]["case_ids"][0]
    with pytest.raises(CoreUnavailable):  # a POST without an Idempotency-Key
        core.briefs.as_citizen(persona_tokens, endpoints.CASE_BRIEFS, {"case_id": case_id}, data={"text": "x"})
    assert calls == ["POST"]


def test_down_core_opens_the_breaker_then_fails_fast_with_retry_after(core, sandbox, persona_tokens):
    sandbox.set_faults(down=True)
    core.transport.retries = 0
    for _ in range(core.breaker.fail_max):
        with pytest.raises(CoreUnavailable):
            core.cases.list(persona_tokens)
    assert core.state() == pybreaker.STATE_OPEN
    started = time.monotonic()
    with pytest.raises(CoreUnavailable) as caught:
        core.cases.list(persona_tokens)
    assert time.monotonic() - started < 0.05
    assert 1 <= caught.value.retry_after <= core.breaker.reset_timeout
    problem = caught.value.to_problem()
    assert problem.status == 503 and problem.headers["Retry-After"] == str(caught.value.retry_after)


def test_breaker_closes_when_the_core_is_back(core, sandbox, persona_tokens):
    sandbox.set_faults(down=True)
    core.transport.retries = 0
    for _ in range(core.breaker.fail_max):
        with pytest.raises(CoreUnavailable):
            core.cases.list(persona_tokens)
    sandbox.set_faults(down=False)
    time.sleep(core.breaker.reset_timeout + 0.1)
    assert isinstance(core.cases.list(persona_tokens), list)
    assert core.state() == pybreaker.STATE_CLOSED


def test_rejected_requests_do_not_open_the_breaker(core, persona_tokens):
    for _ in range(core.breaker.fail_max + 2):
        with pytest.raises(CoreRejected):
            core.cases.get(persona_tokens, "c-999999")
    assert core.state() == pybreaker.STATE_CLOSED


def test_a_401_from_the_core_refreshes_the_token_once(core, persona_tokens, core_app):
    from sqlalchemy import update

    from bff.auth.models import AuthGrant
    from bff.platform.db import db

    vault = core_app.extensions["vault"]
    db.session.execute(update(AuthGrant).values(access_token=vault.seal("not-a-valid-token")))
    db.session.commit()
    assert isinstance(core.cases.list(persona_tokens), list)
    assert persona_tokens.token().startswith("eyJ")
