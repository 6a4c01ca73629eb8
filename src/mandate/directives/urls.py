from django.urls import path

from mandate.directives import views

app_name = "directives"
urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("new/", views.document_create, name="document-create"),
    path("issue/", views.document_issue, name="document-issue"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("<int:pk>/edit/", views.document_edit, name="document-edit"),
    path("<int:pk>/files/", views.file_add, name="file-add"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone-add"),
    path("files/<int:pk>/", views.file_download, name="file-download"),
    path("milestones/<int:pk>/complete/", views.milestone_complete, name="milestone-complete"),
]
