"""Open311 GeoReport v2 as a third-party 311 client uses it: list the services, read a
definition, post a request with an api_key, follow it by id, in JSON and in XML."""

from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import translation

from mandate.grassroots import services
from mandate.grassroots.models import Case, Contact, Report
from mandate.grassroots.scrub import REDACTED

BASE = "/open311/v2"
CONTACT = {
    "email": "ba.nguyen@example.vn",
    "first_name": "Văn Ba",
    "last_name": "Nguyễn",
    "phone": "0987 111 222",
}
SECRETS = ["ba.nguyen@example.vn", "Văn Ba", "Nguyễn", "0987 111 222", "0987111222", "0912"]


def xml(response) -> ElementTree.Element:
    assert response["Content-Type"].startswith("text/xml"), response.content
    return ElementTree.fromstring(response.content)  # noqa: S314 -- our own answer


def post(client: Client, body: dict, fmt: str = "json"):
    return client.post(
        f"{BASE}/requests.{fmt}", urlencode(body), content_type="application/x-www-form-urlencoded"
    )


def body(key: str | None, **overrides) -> dict:
    values = {
        "api_key": key,
        "service_code": "environment",
        "lat": "20.801",
        "long": "106.601",
        "description": "Nước thải xưởng mạ chảy ra kênh thôn Đông, gọi anh Ba 0912 345 678",
        "attribute[severity]": "3",
        "attribute[people_affected]": "40",
        "attribute[observed_on]": "2026-05-30T07:30:00+07:00",
        "device_id": "phone-abc-123",
        "account_id": "citizen-42",
        "media_url": "http://example.com/photo.jpg",
        **CONTACT,
    }
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


@pytest.fixture
def filed(world, places, key_for, client) -> Report:
    """A request rita's 311 client posted, with the citizen's contact."""
    response = post(client, body(key_for(world.rita)))
    assert response.status_code == 200, response.content
    return Report.objects.get(pk=response.json()[0]["service_request_id"])


# Services ----------------------------------------------------------------------------


def test_anyone_lists_the_services_in_json(places, client):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    service = next(s for s in response.json() if s["service_code"] == "environment")
    assert service == {
        "service_code": "environment",
        "service_name": "Môi trường, ô nhiễm",
        "description": places.environment.description,
        "metadata": True,
        "type": "realtime",
        "keywords": "rác thải, nước thải, khói bụi, mùi, xả thải",
        "group": service["group"],
    }
    assert service["group"]


def test_the_services_in_xml_in_the_key_owners_language(world, places, key_for, client):
    world.olga.preferred_language = "en"
    world.olga.save()
    root = xml(client.get(f"{BASE}/services.xml", {"api_key": key_for(world.olga)}))
    assert root.tag == "services"
    service = next(s for s in root.iter("service") if s.findtext("service_code") == "land")
    assert service.findtext("service_name") == "Land and compensation"
    assert service.findtext("metadata") == "true"
    assert service.findtext("type") == "realtime"


def test_a_service_definition_names_its_attributes(places, client):
    definition = client.get(f"{BASE}/services/environment.json").json()
    assert definition["service_code"] == "environment"
    attributes = {attribute["code"]: attribute for attribute in definition["attributes"]}
    assert list(attributes) == ["severity", "people_affected", "observed_on", "locality"]
    severity = attributes["severity"]
    assert severity["datatype"] == "singlevaluelist" and severity["required"] is True
    assert [value["key"] for value in severity["values"]] == [1, 2, 3, 4]
    assert attributes["people_affected"]["datatype"] == "number"
    assert attributes["locality"]["required"] is False
    assert [attribute["order"] for attribute in definition["attributes"]] == [1, 2, 3, 4]


def test_a_service_definition_in_xml(places, client):
    root = xml(client.get(f"{BASE}/services/land.xml"))
    assert root.tag == "service_definition" and root.findtext("service_code") == "land"
    attributes = root.find("attributes").findall("attribute")
    assert [attribute.findtext("code") for attribute in attributes][0] == "severity"
    assert [value.findtext("key") for value in attributes[0].iter("value")] == ["1", "2", "3", "4"]
    assert attributes[0].findtext("required") == "true"


def test_an_unknown_service_or_format_is_404(places, client):
    response = client.get(f"{BASE}/services/nothing.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    root = xml(client.get(f"{BASE}/services/nothing.xml"))
    assert root.tag == "errors" and root.find("error").findtext("code") == "404"
    assert client.get(f"{BASE}/services.csv").status_code == 404
    assert client.get(f"{BASE}/services/land.html").status_code == 404


# Filing and following a request ------------------------------------------------------


def test_a_posted_request_is_filed_scrubbed_and_routed(world, places, key_for, client):
    response = post(client, body(key_for(world.rita)))
    assert response.status_code == 200, response.content
    [answer] = response.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    assert answer["account_id"] is None
    assert world.commune_a.name in answer["service_notice"]
    report = Report.objects.get(pk=answer["service_request_id"])
    assert report.channel == Report.Channel.OPEN311 and report.reported_by == world.rita
    assert report.locality == places.a  # the nearest commune to the point
    assert "0912" not in report.summary and REDACTED in report.summary
    assert report.severity == 3 and report.people_affected == 40
    assert str(report.observed_on) == "2026-05-30"
    assert report.case.unit == world.commune_a
    contact = Contact.objects.get(report=report)
    assert (contact.name, contact.email, contact.phone) == (
        "Văn Ba Nguyễn",
        "ba.nguyen@example.vn",
        "0987 111 222",
    )
    kept = report.summary + str(contact.__dict__)
    assert "phone-abc-123" not in kept and "citizen-42" not in kept and "example.com" not in kept


def test_a_request_is_read_back_by_id_in_json_and_xml(world, places, key_for, client, filed):
    key = key_for(world.rita)
    response = client.get(f"{BASE}/requests/{filed.pk}.json", {"api_key": key})
    assert response.status_code == 200
    [request] = response.json()
    assert request["service_request_id"] == filed.pk
    assert request["status"] == "open"
    assert request["service_code"] == "environment"
    assert request["service_name"] == "Môi trường, ô nhiễm"
    assert request["description"] == filed.summary and REDACTED in request["description"]
    assert request["agency_responsible"] == world.commune_a.name
    assert request["address"] == places.a.name and request["address_id"] == "99001"
    assert (request["lat"], request["long"]) == (20.801, 106.601)
    assert request["requested_datetime"].endswith("+07:00")
    assert request["expected_datetime"].startswith(str(filed.case.due_on))
    assert not {"email", "first_name", "last_name", "phone"} & set(request)

    root = xml(client.get(f"{BASE}/requests/{filed.pk}.xml", {"api_key": key}))
    assert root.tag == "service_requests"
    [element] = root.findall("request")
    assert element.findtext("service_request_id") == str(filed.pk)
    assert element.findtext("status") == "open"
    assert element.findtext("address_id") == "99001"


def test_a_finished_case_reads_closed_with_its_resolution(world, key_for, client, filed):
    case = filed.case
    services.resolve(case=case, version=case.version, by=world.olga, text="Đã nạo vét kênh")
    [request] = client.get(
        f"{BASE}/requests/{filed.pk}.json", {"api_key": key_for(world.rita)}
    ).json()
    assert request["status"] == "closed" and request["status_notes"] == "Đã nạo vét kênh"


def test_the_citizens_contact_is_in_no_read(world, key_for, client, filed):
    key = key_for(world.alice)  # alice leads the unit the case was routed to
    reads = [
        client.get(f"{BASE}/requests.json", {"api_key": key}),
        client.get(f"{BASE}/requests.xml", {"api_key": key}),
        client.get(f"{BASE}/requests/{filed.pk}.json", {"api_key": key}),
        client.get(f"{BASE}/requests/{filed.pk}.xml", {"api_key": key}),
        client.get(f"{BASE}/requests.json", {"api_key": key, "service_request_id": filed.pk}),
    ]
    for response in reads:
        assert response.status_code == 200
        text = response.content.decode()
        assert str(filed.pk) in text
        assert not [secret for secret in SECRETS if secret in text], text


def test_the_request_list_filters(world, places, key_for, client, filed):
    key = key_for(world.alice)
    land = post(client, body(key, service_code="land", description="Tranh chấp ranh giới đất"))
    land_id = land.json()[0]["service_request_id"]

    def ids(**params) -> list[int]:
        response = client.get(f"{BASE}/requests.json", {"api_key": key, **params})
        assert response.status_code == 200, response.content
        return [request["service_request_id"] for request in response.json()]

    assert ids() == [land_id, filed.pk]
    assert ids(service_code="land") == [land_id]
    assert ids(service_request_id=f"{filed.pk},{land_id}") == [land_id, filed.pk]
    assert ids(status="closed") == []
    assert ids(status="open,closed") == [land_id, filed.pk]
    assert ids(start_date="2026-06-02") == []
    assert ids(start_date="2026-05-01T00:00:00+07:00", end_date="2026-06-01") == [
        land_id,
        filed.pk,
    ]
    assert ids(end_date="2026-05-31") == []


def test_the_place_may_be_a_commune_code_or_name(world, places, key_for, client):
    key = key_for(world.lena)  # the department reports on every commune of the province
    by_code = post(client, body(key, lat=None, long=None, address_id="99002"))
    assert Report.objects.get(pk=by_code.json()[0]["service_request_id"]).locality == places.a_near
    by_name = post(client, body(key, lat=None, long=None, address_string="xa quang hai"))
    assert Report.objects.get(pk=by_name.json()[0]["service_request_id"]).locality == places.a_near
    # An address that did not place the report still says where, in the description.
    with_point = post(client, body(key, address_string="Cạnh cổng chợ Quảng Thành"))
    report = Report.objects.get(pk=with_point.json()[0]["service_request_id"])
    assert report.locality == places.a and "Cạnh cổng chợ Quảng Thành" in report.summary


def test_a_request_can_be_posted_in_xml(world, places, key_for, client):
    root = xml(post(client, body(key_for(world.rita)), fmt="xml"))
    assert root.tag == "service_requests"
    answer = root.find("request")
    assert Report.objects.filter(pk=answer.findtext("service_request_id")).exists()
    assert answer.find("account_id").text is None


# Refusals ----------------------------------------------------------------------------


def test_without_a_valid_key_requests_are_403(world, places, client, filed):
    for params in ({}, {"api_key": "mdt_not-a-token"}, {"api_key": "abc"}):
        response = client.get(f"{BASE}/requests.json", params)
        assert response.status_code == 403
        [error] = response.json()
        assert error["code"] == 403 and error["description"]
        assert client.get(f"{BASE}/requests/{filed.pk}.json", params).status_code == 403
    root = xml(client.get(f"{BASE}/requests.xml", {"api_key": "mdt_bad"}))
    assert root.tag == "errors" and root.find("error").findtext("code") == "403"


def test_posting_needs_a_key_even_when_signed_in(world, places, client_for):
    browser = client_for(world.olga)
    assert browser.get(f"{BASE}/requests.json").status_code == 200  # reads accept the session
    response = post(browser, body(None))
    assert response.status_code == 403
    assert post(browser, body("mdt_forged")).status_code == 403
    assert not Report.objects.exists()


def test_bad_input_is_400_with_every_fault_in_the_key_owners_language(
    world, places, key_for, client
):
    world.rita.preferred_language = "fr"
    world.rita.save()
    response = post(
        client,
        body(
            key_for(world.rita),
            **{"attribute[severity]": None, "attribute[people_affected]": "nhiều"},
            service_code="",
            email="not-an-address",
        ),
    )
    assert response.status_code == 400
    errors = {error["description"] for error in response.json()}
    assert {error["code"] for error in response.json()} == {400}
    assert "attribute[severity]: Ce champ est obligatoire." in errors
    assert "service_code: Ce champ est obligatoire." in errors
    with translation.override("fr"):
        assert f"email: {translation.gettext('Enter a valid email address.')}" in errors
    assert any(error.startswith("attribute[people_affected]: ") for error in errors)
    assert not Report.objects.exists() and not Contact.objects.exists()


def test_bad_input_in_vietnamese_by_default_and_in_xml(world, places, key_for, client):
    root = xml(post(client, body(key_for(world.rita), lat=None, long=None), fmt="xml"))
    assert root.tag == "errors"
    codes = {error.findtext("code") for error in root.findall("error")}
    descriptions = [error.findtext("description") for error in root.findall("error")]
    assert codes == {"400"}
    assert any(text.startswith("lat, long: ") for text in descriptions), descriptions
    assert not Report.objects.exists()


def test_a_place_outside_the_key_owners_communes_is_refused(world, places, key_for, client):
    response = post(client, body(key_for(world.rita), lat=None, long=None, address_id="99003"))
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("address_id: ")


def test_charlie_gets_404_for_a_foreign_request(world, key_for, client, filed):
    key = key_for(world.charlie)
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/requests/{filed.pk}.{fmt}", {"api_key": key})
        assert response.status_code == 404
    assert client.get(f"{BASE}/requests/999999.json", {"api_key": key}).status_code == 404
    assert client.get(f"{BASE}/requests.json", {"api_key": key}).json() == []
    listed = client.get(f"{BASE}/requests.json", {"api_key": key, "service_request_id": filed.pk})
    assert listed.json() == []


def test_bad_search_parameters_are_400(world, key_for, client):
    key = key_for(world.alice)
    for params in ({"status": "pending"}, {"start_date": "hôm qua"}, {"service_request_id": "a"}):
        response = client.get(f"{BASE}/requests.json", {"api_key": key, **params})
        assert response.status_code == 400, params
        assert response.json()[0]["code"] == 400


def test_the_request_list_runs_a_bounded_number_of_queries(
    world, places, key_for, client, django_assert_num_queries
):
    key = key_for(world.rita)
    for _number in range(3):
        post(client, body(key))
    reader = key_for(world.alice)
    # The token, marking it used, the caller's grants (2), then the requests in one query.
    with django_assert_num_queries(5):
        response = client.get(f"{BASE}/requests.json", {"api_key": reader})
    assert len(response.json()) == 3
    assert Case.objects.count() == 3
