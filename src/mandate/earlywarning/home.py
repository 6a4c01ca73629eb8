"""The early-warning panel of the home page: the open alerts I can see."""

from mandate.earlywarning.selectors import home_figures


def panels(*, user) -> list[dict]:
    return [{"template": "earlywarning/home_panel.html", "figures": home_figures(user=user)}]
