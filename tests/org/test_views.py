from mandate.org.models import ApiToken, Unit, User
from tests.factories import MembershipFactory, UnitFactory, UserFactory


def test_home_shows_my_units_and_roles(world, client_for):
    response = client_for(world.alice).get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert world.commune_a.name in body
    assert world.hamlet_a.name in body  # a unit below hers


def test_interface_is_vietnamese_whatever_the_browser_asks(world, client_for):
    response = client_for(world.alice).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()


def test_switching_language_is_remembered_on_the_person(world, client_for):
    client = client_for(world.alice)
    response = client.post("/language/", {"language": "en", "next": "/units/"})
    assert response.status_code == 302
    assert response["Location"] == "/units/"
    assert User.objects.get(pk=world.alice.pk).preferred_language == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(world, client_for):
    client = client_for(world.alice)
    response = client.post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert User.objects.get(pk=world.alice.pk).preferred_language == "vi"


def test_sign_in_page_follows_the_language_cookie(db, client):
    client.post("/language/", {"language": "fr"})
    assert '<html lang="fr">' in client.get("/accounts/login/").content.decode()


def test_unit_search_ignores_diacritics(world, client_for):
    response = client_for(world.lena).get("/units/", {"q": "quang thanh"})
    body = response.content.decode()
    assert world.commune_a.name in body
    assert world.commune_b.name not in body


def test_unit_list_filters_by_kind(world, client_for):
    response = client_for(world.lena).get("/units/", {"kind": Unit.Kind.COMMUNE})
    body = response.content.decode()
    assert world.commune_b.name in body
    assert world.division.name not in body


def test_htmx_request_gets_only_the_rows(world, client_for):
    response = client_for(world.lena).get("/units/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="rows"' in body
    assert "<html" not in body


def test_people_list_filters_by_unit_and_finds_names_without_accents(world, client_for):
    client = client_for(world.lena)
    by_unit = client.get("/people/", {"unit": world.commune_a.pk}).content.decode()
    assert world.alice.full_name in by_unit
    assert world.charlie.full_name not in by_unit
    by_name = client.get("/people/", {"q": "tran thi anh"}).content.decode()
    assert world.alice.full_name in by_name
    assert world.olga.full_name not in by_name


def test_unit_and_person_pages_show_their_history(world, client_for):
    world.commune_a.address = "Thôn Đông, xã Quảng Thành"
    world.commune_a.save()
    client = client_for(world.lena)
    unit_page = client.get(f"/units/{world.commune_a.pk}/").content.decode()
    assert "Thôn Đông, xã Quảng Thành" in unit_page
    assert "<ins>Thôn Đông, xã Quảng Thành</ins>" in unit_page
    person_page = client.get(f"/people/{world.alice.pk}/")
    assert person_page.status_code == 200


def test_list_pages_run_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    for number in range(40):
        unit = UnitFactory(name=f"Đơn vị thêm {number}", parent=world.root)
        MembershipFactory(user=UserFactory(), unit=unit, role="officer")
    client = client_for(world.lena)
    for url in ("/units/", "/people/", f"/units/{world.root.pk}/"):
        with django_assert_max_num_queries(15):  # the bound every page keeps
            assert client.get(url).status_code == 200
    # The home page gathers one panel per module; the early-warning panel adds its count.
    with django_assert_max_num_queries(16):
        assert client.get("/").status_code == 200


def test_profile_is_saved(world, client_for):
    client = client_for(world.olga)
    response = client.post(
        "/profile/",
        {
            "full_name": "Phạm Văn Ổn",
            "email": "on@example.org",
            "phone": "0912",
            "position": "Chuyên viên",
            "preferred_language": "fr",
            "notification_mode": "digest",
        },
    )
    assert response.status_code == 302
    olga = User.objects.get(pk=world.olga.pk)
    assert (olga.position, olga.preferred_language) == ("Chuyên viên", "fr")


def test_profile_refuses_a_bad_email_and_changes_nothing(world, client_for):
    response = client_for(world.olga).post(
        "/profile/", {"full_name": "X", "email": "not-an-email", "preferred_language": "vi"}
    )
    assert response.status_code == 200
    assert User.objects.get(pk=world.olga.pk).full_name == "Phạm Văn Ổn"


def test_password_change(world, client_for):
    client = client_for(world.olga)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "password-for-tests",
            "new_password1": "một-mật-khẩu-mới-2026",
            "new_password2": "một-mật-khẩu-mới-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=world.olga.pk).check_password("một-mật-khẩu-mới-2026")


def test_api_token_is_shown_once_and_stored_hashed(world, client_for):
    client = client_for(world.olga)
    response = client.post("/profile/tokens/", {"name": "báo cáo"})
    token = response.context["token"]
    record = ApiToken.objects.get(user=world.olga)
    assert token.startswith("mdt_")
    assert token not in (record.digest, record.prefix)
    assert token not in client.get("/profile/").content.decode()


def test_api_answers_with_a_token_and_refuses_a_revoked_one(world, client, client_for):
    token = client_for(world.olga).post("/profile/tokens/", {"name": "x"}).context["token"]
    client.logout()
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    me = client.get("/api/org/me", **header)
    assert me.status_code == 200
    assert me.json()["username"] == "olga"
    assert me.json()["memberships"] == [{"unit_id": world.commune_a.pk, "role": "officer"}]
    units = client.get("/api/org/units", **header).json()["items"]
    assert {unit["name"] for unit in units} == {world.commune_a.name, world.hamlet_a.name}
    record = ApiToken.objects.get(user=world.olga)
    client_for(world.olga).post(f"/profile/tokens/{record.pk}/revoke/")
    client.logout()
    assert client.get("/api/org/me", **header).status_code == 401
    assert client.get("/api/org/me", HTTP_AUTHORIZATION="Bearer mdt_wrong").status_code == 401


def test_api_outsider_gets_404(world, client_for):
    client = client_for(world.charlie)
    assert client.get(f"/api/org/units/{world.commune_a.pk}").status_code == 404
    assert client.get(f"/api/org/units/{world.commune_b.pk}").status_code == 200


def test_openapi_document_is_served(world, client_for):
    schema = client_for(world.olga).get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/org/units" in schema["paths"]


def test_signing_in_leaves_the_history_alone(world, client):
    before = world.olga.history.count()
    response = client.post(
        "/accounts/login/", {"username": "olga", "password": "password-for-tests"}
    )
    assert response.status_code == 302
    assert world.olga.history.count() == before
