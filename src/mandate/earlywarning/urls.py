from django.urls import path

from mandate.earlywarning import views

app_name = "earlywarning"
urlpatterns = [
    path("", views.alert_list, name="alert-list"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert-detail"),
    path("alerts/<int:pk>/<slug:action>/", views.alert_action, name="alert-action"),
]
