from django.urls import path

from mandate.grassroots import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("report/", views.report_create, name="report-create"),
    path("report/similar/", views.report_similar, name="report-similar"),
    path("mine/", views.my_reports, name="my-reports"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/note/", views.case_note, name="case-note"),
    path("cases/<int:pk>/<slug:action>/", views.case_action, name="case-action"),
    path("photos/<int:pk>/", views.report_photo, name="report-photo"),
]
