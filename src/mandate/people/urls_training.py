"""Training records, their Excel sheets, requirements of positions and the gap report."""

from django.urls import path

from mandate.people import training_views as views

urlpatterns = [
    path("training/", views.training_index, name="training-index"),
    path("training/people/<int:pk>/", views.training_person, name="training-person"),
    path("training/new/", views.training_create, name="training-create"),
    path("training/<int:pk>/edit/", views.training_edit, name="training-edit"),
    path("training/<int:pk>/delete/", views.training_delete, name="training-delete"),
    path(
        "training/certificates/<int:pk>/", views.training_certificate, name="training-certificate"
    ),
    path("training/import/", views.training_import, name="training-import"),
    path("training/import/template.xlsx", views.training_template, name="training-template"),
    path("training/export.xlsx", views.training_export, name="training-export"),
    path("training/requirements/", views.requirement_list, name="requirement-list"),
    path("training/requirements/new/", views.requirement_create, name="requirement-create"),
    path("training/gaps/", views.training_gaps, name="training-gaps"),
    path("training/gaps/plan/", views.training_gaps_plan, name="training-gaps-plan"),
]
