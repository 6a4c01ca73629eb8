import importlib
from types import ModuleType

from django.apps import apps


def app_modules(submodule: str) -> list[ModuleType]:
    """`<app>.<submodule>` of every installed Mandate app that has one, in INSTALLED_APPS order.

    This is how `seed --demo` finds each app's demo.py and `tick` each app's tick.py.
    """
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("mandate."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.{submodule}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{submodule}":
                raise
    return modules


def home_panels(*, user) -> list[dict]:
    """The home page's panels: each app's `home.panels(user=...)` gives {"template", ...context}."""
    panels = []
    for module in app_modules("home"):
        panels += module.panels(user=user)
    return panels
