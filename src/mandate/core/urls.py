from django.urls import path

from mandate.core import views

app_name = "core"
urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("read-all/", views.notification_read_all, name="notification-read-all"),
    path("<int:pk>/", views.notification_open, name="notification-open"),
]
