"""DESIGN.md rule 1 on the work pages: an outsider gets 404 on every detail and action URL,
by GET and by POST, and the lists show him nothing of commune_a."""

import pytest
from django.urls import reverse

from tests.work import leaks


@pytest.mark.parametrize("name", sorted(leaks.FOREIGN))
def test_outsider_gets_404(world, client_for, name):
    leaks.populate(world)
    url = reverse(name, kwargs=leaks.FOREIGN[name](world))
    client = client_for(world.charlie)
    assert client.get(url).status_code in {404, 405}  # 405: an action answers POST only
    assert client.post(url).status_code == 404


def test_outsider_lists_show_nothing_of_another_commune(world, client_for):
    secrets = leaks.populate(world)
    client = client_for(world.charlie)
    for url in ("/work/tasks/", "/work/plans/", "/work/plans/new/"):
        body = client.get(url).content.decode()
        assert not [secret for secret in secrets if secret in body], url
