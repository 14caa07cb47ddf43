"""Search by name, city, county or address with Persian normalisation; province/city filters; pagination."""

import json

import pytest

from tests.support.offices import ALWAYS, NEVER, office_row


@pytest.fixture
def offices(add_offices, registry):
    add_offices(
        office_row("40000001", name="دفتر خدمات الکترونیک قضایی کرمانشاه ۱۲", city="کرمانشاه", county="کرمانشاه",
                   province="kermanshah", address="بلوار شهید بهشتی، پلاک ۴", hours=ALWAYS),
        office_row("40000002", name="باجه قضایی دفتر اسناد رسمی ۷", city="خرم‌آباد", county="خرم‌آباد",
                   province="lorestan", address="خیابان امام، کوچه ۳", kind="notary_hosted", counters=1),
        office_row("40000003", name="دفتر پیشخوان روستایی", city="آران", county="آران و بیدگل", province="isfahan",
                   address="میدان نیم‌فاصله، طبقه اول", kind="eservice_hosted", counters=1, hours=NEVER),
        office_row("40000004", name="دفتر خدمات الکترونیک قضایی شمیران", city="تهران", county="تهران",
                   address="خیابان کرمانشاه، پلاک ۸"),
    )
    return registry


def codes(app, **query):
    response = app.test_client().get("/api/v1/offices", query_string=query)
    assert response.status_code == 200, response.get_json()
    return [o["code"] for o in response.get_json()]


@pytest.mark.parametrize(("q", "expected"), [
    ("كرمانشاه", ["40000001", "40000004"]),           # Arabic kaf, city first, then the address match
    ("کرمانشاه 12", ["40000001"]),                     # ASCII digits find Persian ones
    ("١٢", ["40000001"]),                              # Arabic-Indic digits too
    ("خرم آباد", ["40000002"]),                        # a space where the name has a ZWNJ
    ("خرماباد", ["40000002"]),                         # no ZWNJ, alef for alef-madda
    ("نیم فاصله", ["40000003"]),                        # address words split by a ZWNJ
    ("نیمفاصله", ["40000003"]),
    ("بیدگل", ["40000003"]),                           # the county
    ("اسناد رسمي", ["40000002"]),                       # Arabic yeh
    ("دفتــر  پیشخوان", ["40000003"]),                  # tatweel and double space
    ("شُمیران", ["40000004"]),                          # a diacritic
    ("هیچ‌جا", []),
])
def test_search_normalises_persian_text(offices, q, expected):
    assert codes(offices, q=q) == expected


def test_search_without_text_lists_every_office_by_city(offices):
    assert sorted(codes(offices)) == ["40000001", "40000002", "40000003", "40000004"]


def test_province_and_city_filters(offices):
    assert codes(offices, province="lorestan") == ["40000002"]
    assert codes(offices, city="خرم آباد") == []  # the city filter is the whole name, normalised
    assert codes(offices, city="خرم‌آباد") == ["40000002"]
    assert codes(offices, city="كرمانشاه") == ["40000001"]


def test_kind_service_and_open_now_filters_in_search(offices):
    assert codes(offices, kind="notary_hosted") == ["40000002"]
    assert codes(offices, kind=["notary_hosted", "eservice_hosted"], q="دفتر") == ["40000003", "40000002"]
    assert "40000003" not in codes(offices, open_now="true")
    assert "40000001" in codes(offices, open_now="true")


def test_pagination_is_in_the_x_pagination_header(offices):
    response = offices.test_client().get("/api/v1/offices", query_string={"page": 2, "page_size": 3})
    assert len(response.get_json()) == 1
    meta = json.loads(response.headers["X-Pagination"])
    assert meta["total"] == 4 and meta["total_pages"] == 2 and meta["page"] == 2 and meta["previous_page"] == 1
