"""The guiding-documents panel of the home page: reviews my units must deliver soon."""

import datetime

from django.utils import timezone

from mandate.directives.selectors import upcoming_milestones


def panels(*, user) -> list[dict]:
    today = timezone.localdate()
    milestones = list(upcoming_milestones(user=user, until=today + datetime.timedelta(days=90))[:8])
    return [{"template": "directives/home_panel.html", "milestones": milestones, "today": today}]
