from django.urls import path

from mandate.work import views

urlpatterns = [
    path("tasks/", views.my_tasks, name="my-tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task-edit"),
    path("tasks/<int:pk>/updates/", views.task_update_post, name="task-update-post"),
    path("tasks/<int:pk>/cascade/", views.task_cascade, name="task-cascade"),
    path("tasks/<int:pk>/coordinate/", views.task_coordinate, name="task-coordinate"),
    path("units/<int:pk>/tasks/", views.unit_tasks, name="unit-tasks"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan-approve"),
    path("plans/<int:pk>/reopen/", views.plan_reopen, name="plan-reopen"),
    path("plans/<int:pk>/tasks/new/", views.task_create, name="task-create"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
]
