from mandate.org.models import Membership, Unit, User


def names(queryset) -> set[str]:
    return {str(row) for row in queryset}


def test_leader_sees_the_whole_subtree(world):
    visible = names(Unit.objects.visible_to(world.alice))
    assert visible == {world.commune_a.name, world.hamlet_a.name}


def test_department_leader_sees_the_province(world):
    assert Unit.objects.visible_to(world.lena).count() == Unit.objects.count()


def test_officer_sees_own_unit_and_below_but_not_siblings(world):
    visible = names(Unit.objects.visible_to(world.olga))
    assert world.commune_a.name in visible
    assert world.hamlet_a.name in visible
    assert world.commune_b.name not in visible
    assert world.root.name not in visible


def test_reporter_sees_only_own_unit(world):
    assert names(Unit.objects.visible_to(world.rita)) == {world.commune_a.name}


def test_viewer_reads_but_cannot_write(world):
    assert Unit.objects.visible_to(world.victor).count() == Unit.objects.count()
    assert not Unit.objects.editable_by(world.victor).exists()


def test_only_leaders_and_officers_write(world):
    assert names(Unit.objects.editable_by(world.olga)) == {
        world.commune_a.name,
        world.hamlet_a.name,
    }
    assert not Unit.objects.editable_by(world.rita).exists()


def test_anonymous_and_inactive_see_nothing(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    world.alice.is_active = False
    world.alice.save()
    assert not Unit.objects.visible_to(User.objects.get(pk=world.alice.pk)).exists()


def test_inactive_membership_grants_nothing(world):
    Membership.objects.filter(user=world.charlie).update(is_active=False)
    charlie = User.objects.get(pk=world.charlie.pk)
    assert not Unit.objects.visible_to(charlie).exists()


def test_superuser_sees_everything(world):
    assert Unit.objects.visible_to(world.admin).count() == Unit.objects.count()


def test_people_are_visible_through_their_units(world):
    visible = names(User.objects.visible_to(world.charlie))
    assert world.charlie.full_name in visible
    assert world.alice.full_name not in visible
    assert world.alice.full_name in names(User.objects.visible_to(world.lena))


def test_outsider_gets_404_on_unit_and_person_pages(world, client_for):
    client = client_for(world.charlie)
    assert client.get(f"/units/{world.commune_a.pk}/").status_code == 404
    assert client.get(f"/people/{world.alice.pk}/").status_code == 404
    assert client.get(f"/units/{world.commune_b.pk}/").status_code == 200


def test_leader_opens_a_unit_below(world, client_for):
    response = client_for(world.alice).get(f"/units/{world.hamlet_a.pk}/")
    assert response.status_code == 200
    assert world.hamlet_a.name in response.content.decode()


def test_unit_pages_are_not_open_to_anonymous(world, client):
    response = client.get(f"/units/{world.commune_a.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
