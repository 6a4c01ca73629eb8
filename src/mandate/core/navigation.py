"""The main navigation. Each module adds its entries here as it lands.

An entry shows only when its URL name resolves, so a module that is not
installed leaves no dead link.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: Promise
    url_name: str
    icon: str = ""


ENTRIES: list[NavEntry] = [
    NavEntry(_("Home"), "org:home"),
    NavEntry(_("Dashboard"), "reviews:dashboard"),
    NavEntry(_("My tasks"), "work:my-tasks"),
    NavEntry(_("Plans"), "work:plan-list"),
    NavEntry(_("Grassroots"), "grassroots:overview"),
    NavEntry(_("Report a matter"), "grassroots:report-create"),
    NavEntry(_("Early warning"), "earlywarning:alert-list"),
    NavEntry(_("Calendar"), "observances:index"),
    NavEntry(_("Training"), "people:training-index"),
    NavEntry(_("Good models"), "people:practice-list"),
    NavEntry(_("Emulation and commendation"), "honours:round-list"),
    NavEntry(_("Documents"), "directives:document-list"),
    NavEntry(_("Units"), "org:unit-list"),
    NavEntry(_("People"), "org:person-list"),
]


def entries_for(request) -> list[dict]:
    items = []
    for entry in ENTRIES:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "active": False})
    # The entry whose URL is the longest start of the page's path is the current one:
    # /grassroots/report/ is "Report a matter", not also "Grassroots".
    matches = [
        item
        for item in items
        if (
            request.path == item["url"]
            if item["url"] == "/"
            else request.path.startswith(item["url"])
        )
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return items
