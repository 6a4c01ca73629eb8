"""The grassroots panel of the home page: the open and overdue cases I can see, and a way
to report a matter."""

from django.utils import timezone

from mandate.grassroots.selectors import home_figures


def panels(*, user) -> list[dict]:
    today = timezone.localdate()
    return [
        {
            "template": "grassroots/home_panel.html",
            "figures": home_figures(user=user, as_of=today),
            "today": today,
        }
    ]
