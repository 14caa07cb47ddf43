"""«حذف اطلاعات من»: one action deletes devices, preferences, notifications and kept case copies."""

from sqlalchemy import func, select

from bff.cases.models import CaseSnapshot
from bff.platform.db import db
from bff.push.models import Notification, PushPreference, Subscription
from tests.support import csrf_headers


def _count(app, model, sub=None):
    with app.app_context():
        query = select(func.count()).select_from(model)
        if sub is not None:
            query = query.where(model.sub == sub)
        return db.session.scalar(query)


def _subscribe(client, endpoint):
    body = {"endpoint": endpoint, "keys": {
        "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        "auth": "tBHItJI5svbpez7KI4CCXg"}, "label": "phone"}
    response = client.post("/api/v1/push/subscriptions", json=body, headers=csrf_headers(client))
    assert response.status_code in (200, 201), response.get_data(as_text=True)


def test_erasing_my_data_deletes_mine_and_nobody_elses(core_app, signed_in, citizens):
    mine, other = signed_in(citizens[0]), signed_in(citizens[1])
    _subscribe(mine, "http://127.0.0.1:9/push/mine")
    _subscribe(other, "http://127.0.0.1:9/push/other")
    assert mine.put("/api/v1/push/preferences", json={"show_details": True},
                    headers=csrf_headers(mine)).status_code == 200
    assert mine.get("/api/v1/cases").status_code == 200
    assert other.get("/api/v1/cases").status_code == 200
    me, them = citizens[0]["sub"], citizens[1]["sub"]
    assert _count(core_app, CaseSnapshot, me) > 0 and _count(core_app, Subscription, me) == 1

    response = mine.delete("/api/v1/me/data", headers=csrf_headers(mine))

    assert response.status_code == 200
    deleted = response.get_json()["deleted"]
    assert deleted["devices"] == 1 and deleted["preferences"] == 1 and deleted["case_copies"] > 0
    for model in (CaseSnapshot, Subscription, PushPreference, Notification):
        assert _count(core_app, model, me) == 0, model.__name__
    assert _count(core_app, Subscription, them) == 1
    assert _count(core_app, CaseSnapshot, them) > 0
    assert mine.get("/api/v1/me").status_code == 200  # still signed in; signing out is separate


def test_erasing_needs_sign_in_and_csrf(core_app, signed_in):
    anonymous = core_app.test_client()
    assert anonymous.delete("/api/v1/me/data", headers=csrf_headers(anonymous)).status_code == 401
    client = signed_in()
    assert client.delete("/api/v1/me/data").status_code == 403
