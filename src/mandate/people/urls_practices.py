"""The good models library (mô hình hay, cách làm sáng tạo): people/practice_views.py."""

from django.urls import path

from mandate.people import practice_views as views

urlpatterns = [
    path("models/", views.practice_list, name="practice-list"),
    path("models/new/", views.practice_create, name="practice-create"),
    path("models/files/<int:pk>/", views.practice_file, name="practice-file"),
    path("models/<int:pk>/", views.practice_detail, name="practice-detail"),
    path("models/<int:pk>/edit/", views.practice_edit, name="practice-edit"),
    path("models/<int:pk>/<slug:action>/", views.practice_action, name="practice-action"),
]
