from django.utils.functional import SimpleLazyObject

from mandate.core.navigation import entries_for
from mandate.core.notifications import unread_count


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_entries": []}
    return {
        "nav_entries": entries_for(request),
        # One indexed count, run only if the page shows it (base.html does).
        "unread_notices": SimpleLazyObject(lambda: unread_count(user=request.user)),
    }
