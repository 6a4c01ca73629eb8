from django.urls import path

from mandate.reviews import views, views_annual
from mandate.reviews.views_directive import directive_docx, directive_review
from mandate.reviews.views_jobs import job_detail, job_docx, job_list, job_start, job_xlsx
from mandate.reviews.views_plan import next_year_plan

app_name = "reviews"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("annual.docx", views_annual.annual_docx, name="annual-docx"),
    path("annual.xlsx", views_annual.annual_xlsx, name="annual-xlsx"),
    path("next-year-plan/", next_year_plan, name="next-year-plan"),
    path("jobs/", job_start, name="job-start"),
    path("jobs/mine/", job_list, name="job-list"),
    path("jobs/<int:pk>/", job_detail, name="job-detail"),
    path("jobs/<int:pk>/review.docx", job_docx, name="job-docx"),
    path("jobs/<int:pk>/review.xlsx", job_xlsx, name="job-xlsx"),
    path("directives/<int:pk>/", directive_review, name="directive-review"),
    path("directives/<int:pk>/review.docx", directive_docx, name="directive-docx"),
]
