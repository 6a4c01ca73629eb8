from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from mandate.api.api import api

urlpatterns = [
    path("", include("mandate.org.urls")),
    path("documents/", include("mandate.directives.urls")),
    path("work/", include("mandate.work.urls")),
    path("grassroots/", include("mandate.grassroots.urls")),
    path("earlywarning/", include("mandate.earlywarning.urls")),
    path("observances/", include("mandate.observances.urls")),
    path("people/", include("mandate.people.urls")),
    path("reviews/", include("mandate.reviews.urls")),
    path("honours/", include("mandate.honours.urls")),
    path("open311/v2/", include("mandate.grassroots.urls_open311")),
    path("notifications/", include("mandate.core.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
