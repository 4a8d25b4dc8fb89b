"""The Zaken API as the source of a caller's cases, against a local server
that checks every request and answer against the Zaken API's OpenAPI
document and every token as Open Zaak does."""

from __future__ import annotations

import time
from datetime import date, datetime

import httpx
import jwt
import pytest

from kccdesk.cases.zaken import ZakenError, ZakenSource
from kccdesk.cases.zgw_auth import ZgwAuth, zgw_token
from kccdesk.core.cases import CaseStatus
from tests.support.zaken_server import CLIENT_ID, SECRET, running_server

BSN = "999993653"
KVK = "69599084"


@pytest.fixture
def api():
    with running_server() as server:
        yield server
    assert server.contract_errors == []


def source(api, secret=SECRET, timeout=5.0, client_id=CLIENT_ID):
    return ZakenSource(api.base_url, client_id, secret, "Sanne", timeout)


def test_a_residents_cases_with_dates_and_status_open_ones_first(api):
    api.add_case(
        "ZAAK-2026-0001",
        "Aanvraag parkeervergunning",
        date(2026, 9, 1),
        bsn=BSN,
        einddatum_gepland=date(2026, 10, 1),
        einddatum=date(2026, 9, 20),
        status=("Vergunning verleend", datetime(2026, 9, 20, 14, 0).astimezone()),
    )
    url = api.add_case(
        "ZAAK-2026-0107",
        "Melding kapotte lantaarnpaal",
        date(2026, 11, 2),
        bsn=BSN,
        uiterlijke_einddatum=date(2026, 11, 16),
        status=("Doorgestuurd naar de aannemer", datetime(2026, 11, 4, 9, 30).astimezone()),
    )
    api.add_case("ZAAK-2026-0200", "Someone else's case", date(2026, 11, 1), bsn="111222333")
    found = source(api).cases(bsn=BSN)
    assert [c.identification for c in found] == ["ZAAK-2026-0107", "ZAAK-2026-0001"]
    street_light, permit = found
    assert street_light.url == url
    assert street_light.description == "Melding kapotte lantaarnpaal"
    assert (street_light.started, street_light.planned_end, street_light.ended) == (
        date(2026, 11, 2),
        date(2026, 11, 16),
        None,
    )
    assert street_light.status == CaseStatus("Doorgestuurd naar de aannemer", date(2026, 11, 4))
    assert street_light.overdue(date(2026, 11, 17)) and not street_light.overdue(date(2026, 11, 16))
    assert not permit.is_open and permit.planned_end == date(2026, 10, 1)
    assert not permit.overdue(date(2026, 12, 1))
    zaken = [r for r in api.requests if r.startswith("GET /zaken/api/v1/zaken?")]
    assert zaken == [f"GET /zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}"]
    assert sum(r.startswith("GET /zaken/api/v1/statussen/") for r in api.requests) == 2


def test_a_business_through_its_roles(api):
    api.add_case("ZAAK-2026-0300", "Aanvraag terrasvergunning", date(2026, 10, 1), kvk=KVK)
    api.add_case(
        "ZAAK-2026-0301",
        "Aanvraag reclamebord",
        date(2026, 10, 5),
        kvk=KVK,
        status=("In behandeling", datetime(2026, 10, 6, 11, 0).astimezone()),
    )
    api.add_case("ZAAK-2026-0302", "A resident's case", date(2026, 10, 5), bsn=BSN)
    found = source(api).cases(kvk=KVK)
    assert [c.identification for c in found] == ["ZAAK-2026-0301", "ZAAK-2026-0300"]
    assert found[0].status == CaseStatus("In behandeling", date(2026, 10, 6))
    assert found[1].status is None  # a case without a status yet
    assert api.requests[0] == (
        "GET /zaken/api/v1/rollen?betrokkeneType=niet_natuurlijk_persoon"
        f"&betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId={KVK}"
    )


def test_every_page_is_followed():
    with running_server(page_size=2) as api:
        for number in range(5):
            api.add_case(f"ZAAK-{number}", f"Case {number}", date(2026, 1, 1 + number), bsn=BSN)
        found = source(api).cases(bsn=BSN)
        assert [c.identification for c in found] == [f"ZAAK-{n}" for n in (4, 3, 2, 1, 0)]
        assert sum("/zaken?" in r for r in api.requests) == 3
        assert api.contract_errors == []


def test_a_business_with_paged_roles():
    with running_server(page_size=1) as api:
        for number in range(3):
            api.add_case(f"ZAAK-B{number}", f"Case {number}", date(2026, 2, 1 + number), kvk=KVK)
        found = source(api).cases(kvk=KVK)
        assert [c.identification for c in found] == ["ZAAK-B2", "ZAAK-B1", "ZAAK-B0"]
        assert sum("/rollen?" in r for r in api.requests) == 3
        assert api.contract_errors == []


def test_each_request_has_a_fresh_token_naming_the_client_and_the_agent(api):
    api.add_case("ZAAK-1", "Case", date(2026, 1, 1), bsn=BSN, status=("Ontvangen", datetime(2026, 1, 2).astimezone()))
    source(api).cases(bsn=BSN)
    assert len(api.claims) == 2
    for claims in api.claims:
        assert claims["client_id"] == claims["iss"] == CLIENT_ID
        assert claims["user_id"] == "Sanne"
        assert abs(claims["iat"] - time.time()) < 60


def test_the_token_is_made_at_each_request():
    moments = iter([1_000.0, 2_000.0])
    auth = ZgwAuth(CLIENT_ID, SECRET, "Sanne", now=lambda: next(moments))
    issued = []
    for _ in range(2):
        request = httpx.Request("GET", "http://127.0.0.1/zaken")
        flow = auth.auth_flow(request)
        signed = next(flow).headers["Authorization"].removeprefix("Bearer ")
        issued.append(jwt.decode(signed, SECRET, algorithms=["HS256"], options={"verify_iat": False})["iat"])
    assert issued == [1000, 2000]
    assert zgw_token(CLIENT_ID, SECRET, "Sanne", 5.0) != zgw_token(CLIENT_ID, SECRET, "Sanne", 6.0)


def test_a_wrong_secret_is_refused(api):
    api.add_case("ZAAK-1", "Case", date(2026, 1, 1), bsn=BSN)
    with pytest.raises(ZakenError):
        source(api, secret="not-the-secret-but-long-enough-000").cases(bsn=BSN)
    assert api.refused_tokens and api.refused_tokens[0].startswith("bad token")


def test_an_unknown_client_is_refused(api):
    with pytest.raises(ZakenError):
        source(api, client_id="someone-else").cases(bsn=BSN)
    assert api.refused_tokens == ["unknown client"]


def test_a_missing_required_header_breaks_the_contract(api):
    """The stand-in itself: GET /zaken without Accept-Crs and Content-Crs is refused and noted."""
    token = zgw_token(CLIENT_ID, SECRET, "Sanne", time.time())
    response = httpx.get(
        api.url("/zaken"),
        params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert any("Accept-Crs" in e for e in api.contract_errors)
    api.contract_errors.clear()


def test_a_wrong_parameter_breaks_the_contract(api):
    token = zgw_token(CLIENT_ID, SECRET, "Sanne", time.time())
    response = httpx.get(
        api.url("/zaken"),
        params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "1234567890"},  # longer than 9
        headers={"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
    )
    assert response.status_code == 400
    assert api.contract_errors
    api.contract_errors.clear()


@pytest.mark.parametrize("mode", ["error500", "down"])
def test_a_failing_server_raises(api, mode):
    api.add_case("ZAAK-1", "Case", date(2026, 1, 1), bsn=BSN)
    api.mode = mode
    with pytest.raises(ZakenError):
        source(api).cases(bsn=BSN)


def test_a_refused_connection_raises():
    with running_server() as api:
        base = api.base_url
    with pytest.raises(ZakenError):
        ZakenSource(base, CLIENT_ID, SECRET, "Sanne", 2.0).cases(bsn=BSN)


def test_a_slow_server_counts_as_not_answering_within_the_time_limit(api):
    api.mode = "hang"
    started = time.monotonic()
    with pytest.raises(ZakenError):
        source(api, timeout=0.3).cases(bsn=BSN)
    assert time.monotonic() - started < 2.0


def test_addresses_elsewhere_are_not_followed(api):
    """A next page or a case on another host would get the token: refused."""
    api.add_case("ZAAK-1", "Case", date(2026, 1, 1), kvk=KVK)
    api.rollen[0]["zaak"] = "http://elsewhere.invalid/zaken/api/v1/zaken/1"
    with pytest.raises(ZakenError):
        source(api).cases(kvk=KVK)
    api.contract_errors.clear()  # the rol now points outside; the answer itself is still valid


def test_nothing_to_ask_without_bsn_or_kvk(api):
    assert source(api).cases() == []
    assert api.requests == []
