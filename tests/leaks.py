"""What the leak walk (tests/core/test_leak_walk.py) needs to know about each URL.

Every URL pattern is walked with charlie, an officer of commune_b, who must not
reach anything under commune_a. A pattern with parameters must say how to build
the URL of an object charlie must not see (FOREIGN); a pattern that needs no scope
must say why (EXEMPT). Parameterless pages are walked as they are and must not
show any of commune_a's secrets.

Each app keeps its entries in `tests/<app>/leaks.py` with the same two dicts and,
optionally, `populate(world)`: it creates the app's objects under commune_a, keeps
them in `world.extra` for its FOREIGN entries, and returns their secret texts.
"""

import importlib
from collections.abc import Callable
from pathlib import Path

from mandate.org.services import issue_token

# URL name -> kwargs of an object under commune_a (built from the `world` fixture).
FOREIGN: dict[str, Callable] = {
    "org:unit-detail": lambda world: {"pk": world.commune_a.pk},
    "org:person-detail": lambda world: {"pk": world.alice.pk},
    "org:token-revoke": lambda world: {"pk": issue_token(user=world.alice, name="x")[0].pk},
    "api:unit_detail": lambda world: {"unit_id": world.hamlet_a.pk},
    "api:person_detail": lambda world: {"person_id": world.olga.pk},
}

# URL name (or namespace followed by ":") -> why it is not scoped by unit.
EXEMPT: dict[str, str] = {
    "admin:": "staff only; administrators see everything by design",
    "login": "public sign-in page",
    "logout": "ends one's own session",
    "password_change": "acts on one's own account",
    "password_change_done": "acts on one's own account",
    "org:language-set": "sets one's own language",
    "api:api-root": "the API index, which lists nothing",
    "api:openapi-json": "the API description, no data",
    "api:openapi-view": "the API description, no data",
}


POPULATE: list[Callable] = []

for _path in sorted(Path(__file__).parent.glob("*/leaks.py")):
    _module = importlib.import_module(f"tests.{_path.parent.name}.leaks")
    FOREIGN.update(getattr(_module, "FOREIGN", {}))
    EXEMPT.update(getattr(_module, "EXEMPT", {}))
    if hasattr(_module, "populate"):
        POPULATE.append(_module.populate)


def populate(world) -> list[str]:
    """Create every app's objects under commune_a; return all the text charlie must not see."""
    secrets = [
        world.commune_a.name,
        world.hamlet_a.name,
        world.alice.full_name,
        world.olga.full_name,
        world.rita.full_name,
    ]
    for fill in POPULATE:
        secrets += fill(world)
    return secrets
