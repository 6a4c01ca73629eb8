from django.urls import path

from mandate.org import views

app_name = "org"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.language_set, name="language-set"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("profile/", views.profile, name="profile"),
    path("profile/calendar/", views.calendar_reset, name="calendar-reset"),
    path("profile/tokens/", views.token_create, name="token-create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
