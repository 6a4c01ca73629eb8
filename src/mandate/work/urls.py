"""The work programme's URLs, kept by feature: pages, spreadsheets, calendar feeds."""

from mandate.work import urls_feeds, urls_pages, urls_sheets

app_name = "work"
urlpatterns = urls_pages.urlpatterns + urls_sheets.urlpatterns + urls_feeds.urlpatterns
