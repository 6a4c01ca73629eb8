from django.urls import path

from mandate.work import feed_views

urlpatterns: list = [
    path("calendar/<slug:token>.ics", feed_views.calendar_feed, name="calendar-feed"),
]
