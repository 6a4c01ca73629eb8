from mandate.core.navigation import entries_for


def navigation(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_entries": []}
    return {"nav_entries": entries_for(request)}
