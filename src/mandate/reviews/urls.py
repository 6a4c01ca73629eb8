from django.urls import path

from mandate.reviews import views, views_annual

app_name = "reviews"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("annual.docx", views_annual.annual_docx, name="annual-docx"),
    path("annual.xlsx", views_annual.annual_xlsx, name="annual-xlsx"),
]
