"""DESIGN.md rule 1, pinned: every URL, walked by an outsider, leaks nothing."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.leaks import EXEMPT, FOREIGN, populate


def walk(patterns=None, namespace: str = "", prefix: str = ""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name or ''}"  # "admin:" for an unnamed admin pattern
            route = prefix + str(entry.pattern)
            yield name, route, bool(re.search(r"<\w+(:\w+)?>|\(\?P<", route))


def exempt(name: str) -> bool:
    return name in EXEMPT or any(key.endswith(":") and name.startswith(key) for key in EXEMPT)


ROUTES = [route for route in walk() if not exempt(route[0])]


def test_every_route_has_a_name_and_a_rule():
    unnamed = [route for name, route, _ in ROUTES if not name or name.endswith(":")]
    unregistered = [name for name, _route, params in ROUTES if params and name not in FOREIGN]
    assert not unnamed, f"name these URL patterns: {unnamed}"
    assert not unregistered, f"register these routes in tests/leaks.py FOREIGN: {unregistered}"


@pytest.mark.parametrize(("name", "route", "params"), ROUTES, ids=[r[0] for r in ROUTES])
def test_outsider_reaches_nothing(name, route, params, world, client):
    secrets = populate(world)
    client.force_login(world.charlie)
    if params:
        url = reverse(name, kwargs=FOREIGN[name](world))
        get, post = client.get(url), client.post(url)
        assert {get.status_code, post.status_code} <= {404, 405}, url
        assert 404 in {get.status_code, post.status_code}, url
        return
    response = client.get(reverse(name))
    assert response.status_code in {200, 302, 405}, name
    body = response.content.decode()
    leaked = [secret for secret in secrets if secret in body]
    assert not leaked, f"{name} shows {leaked} to an outsider"


def test_walk_covers_the_api_and_the_pages():
    names = {name for name, _route, _params in walk()}
    assert {"org:unit-detail", "org:person-list", "api:unit_list"} <= names
