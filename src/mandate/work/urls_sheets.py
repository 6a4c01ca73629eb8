"""Excel sheets of tasks: the import template, plan import, export, bulk progress reports."""

from django.urls import path

from mandate.work import sheet_views

urlpatterns = [
    path("sheets/task-template.xlsx", sheet_views.task_template, name="task-template"),
    path("plans/<int:pk>/import/", sheet_views.plan_import, name="plan-import"),
    path("tasks/export.xlsx", sheet_views.task_export, name="task-export"),
    path("units/<int:pk>/progress.xlsx", sheet_views.progress_sheet, name="progress-sheet"),
    path("progress/import/", sheet_views.progress_import, name="progress-import"),
]
