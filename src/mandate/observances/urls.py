from django.urls import path

from mandate.observances import campaign_views, views

app_name = "observances"
urlpatterns = [
    path("", views.observance_index, name="index"),
    path("<int:year>/", views.observance_year, name="year"),
    path("<int:year>/<int:month>/", views.observance_month, name="month"),
    path("feed.ics", views.observance_feed, name="feed"),
    path("local/new/", views.local_observance_create, name="local-create"),
    path("campaigns/", campaign_views.campaign_list, name="campaign-list"),
    path("campaigns/new/", campaign_views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", campaign_views.campaign_detail, name="campaign-detail"),
    path(
        "campaigns/<int:pk>/<str:action>/",
        campaign_views.campaign_action,
        name="campaign-action",
    ),
    path("templates/", campaign_views.template_list, name="template-list"),
    path("templates/<int:pk>/", campaign_views.template_detail, name="template-detail"),
]
