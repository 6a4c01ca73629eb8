from django.urls import path

from mandate.observances import views

app_name = "observances"
urlpatterns = [
    path("", views.observance_index, name="index"),
    path("<int:year>/", views.observance_year, name="year"),
    path("feed.ics", views.observance_feed, name="feed"),
]
