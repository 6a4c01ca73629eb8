"""The grassroots module's pages, kept by feature: reports and cases, imports."""

from mandate.grassroots import urls_import, urls_pages

app_name = "grassroots"
urlpatterns = urls_pages.urlpatterns + urls_import.urlpatterns
