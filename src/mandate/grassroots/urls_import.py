from django.urls import path

from mandate.grassroots import import_views

urlpatterns = [
    path("import/", import_views.import_reports, name="report-import"),
    path("import/template.xlsx", import_views.import_template, name="report-import-template"),
]
