"""Open311 GeoReport v2, so that existing 311 clients can submit and read reports."""

from django.urls import path

from mandate.grassroots import open311

app_name = "open311"
urlpatterns = [
    path("services.<str:fmt>", open311.services, name="services"),
    path("services/<slug:code>.<str:fmt>", open311.service_definition, name="service-definition"),
    path("requests.<str:fmt>", open311.requests, name="requests"),
    path("requests/<int:request_id>.<str:fmt>", open311.request_detail, name="request-detail"),
]
