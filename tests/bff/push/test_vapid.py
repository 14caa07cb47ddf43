"""The VAPID key: from configuration or made once under instance/; tokens signed once per push service."""

from __future__ import annotations

import json
import time

import pytest

from bff.platform.config import Settings
from bff.push.vapid import (
    VapidKey,
    b64url_decode,
    generate_private_key,
    load_key,
    parse_private_key,
    private_pem,
    private_raw,
)
from tests.support.push_service import PushService


def claims_of(header: dict) -> dict:
    token = header["Authorization"].split("t=")[1].split(",")[0]
    return json.loads(b64url_decode(token.split(".")[1]))


def test_a_development_key_is_made_once_private_and_kept(tmp_path):
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path)})
    first, second = load_key(settings), load_key(settings)
    assert first.application_server_key == second.application_server_key
    assert (tmp_path / "vapid_private_key.pem").stat().st_mode & 0o077 == 0
    public = b64url_decode(first.application_server_key)
    assert len(public) == 65 and public[0] == 4  # an uncompressed P-256 point


def test_production_without_a_key_has_push_switched_off(tmp_path):
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path), "APP_ENV": "production",
                                  "SECRET_KEY": "k" * 40, "OIDC_CLIENT_SECRET": "real"})
    assert load_key(settings) is None
    assert not (tmp_path / "vapid_private_key.pem").exists()


@pytest.mark.parametrize("form", [private_pem, private_raw])
def test_a_configured_key_is_read_as_pem_or_raw(tmp_path, form):
    key = generate_private_key()
    settings = Settings.from_env({"INSTANCE_PATH": str(tmp_path), "VAPID_PRIVATE_KEY": form(key)})
    assert load_key(settings).public_raw == VapidKey(key, "mailto:a@b.example").public_raw
    assert not (tmp_path / "vapid_private_key.pem").exists()


def test_a_key_on_another_curve_is_refused():
    from cryptography.hazmat.primitives.asymmetric import ec

    with pytest.raises(ValueError, match="P-256"):
        parse_private_key(private_pem(ec.generate_private_key(ec.SECP384R1())))


def test_the_token_is_signed_once_per_audience_and_expires_within_12_hours():
    key = VapidKey(generate_private_key(), "mailto:push@hamrah.example")
    one = key.authorization("https://fcm.googleapis.com/fcm/send/abc")
    assert key.authorization("https://fcm.googleapis.com/fcm/send/other") is one
    other = key.authorization("https://updates.push.services.mozilla.com/wpush/v2/x")
    assert other is not one
    claims = claims_of(other)
    assert claims["aud"] == "https://updates.push.services.mozilla.com"
    assert time.time() + 11 * 3600 < claims["exp"] <= time.time() + 12 * 3600
    assert claims["sub"] == "mailto:push@hamrah.example"
    service = PushService(key.application_server_key)
    service.origin = "https://updates.push.services.mozilla.com"
    assert service.verify_vapid(other["Authorization"])["aud"] == service.origin


def test_flask_push_keys_prints_a_usable_pair(app):
    result = app.test_cli_runner().invoke(args=["push", "keys"])
    assert result.exit_code == 0
    line = next(x for x in result.output.splitlines() if x.startswith("VAPID_PRIVATE_KEY="))
    key = parse_private_key(line.split("=", 1)[1])
    assert VapidKey(key, "mailto:a@b.example").application_server_key in result.output
