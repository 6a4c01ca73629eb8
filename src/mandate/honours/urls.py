"""Emulation and commendation pages: rounds (views_rounds), a unit's nominations and one
nomination (views_nominations), the council (views_council), decisions, the register
and blocking conditions (views_register)."""

from django.urls import path

from mandate.honours import views_council as council
from mandate.honours import views_nominations as nominations
from mandate.honours import views_register as register
from mandate.honours import views_rounds as rounds

app_name = "honours"

urlpatterns = [
    path("", rounds.round_list, name="round-list"),
    path("rounds/new/", rounds.round_create, name="round-create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("rounds/<int:pk>/move/", rounds.round_move, name="round-move"),
    path("rounds/<int:pk>/pledge/", rounds.round_pledge, name="round-pledge"),
    path("rounds/<int:pk>/rate-unit/", rounds.round_rate_unit, name="round-rate-unit"),
    path("rounds/<int:pk>/units/<int:unit_pk>/", nominations.round_unit, name="round-unit"),
    path("rounds/<int:pk>/units/<int:unit_pk>/rate/", rounds.round_rate, name="round-rate"),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/propose/",
        nominations.round_propose,
        name="round-propose",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/submit/",
        nominations.round_submit,
        name="round-submit",
    ),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination-detail"),
    path(
        "nominations/<int:pk>/report/",
        nominations.nomination_achievement,
        name="nomination-achievement",
    ),
    path("nominations/<int:pk>/files/", nominations.nomination_files, name="nomination-files"),
    path(
        "nominations/<int:pk>/withdraw/",
        nominations.nomination_withdraw,
        name="nomination-withdraw",
    ),
    path(
        "nominations/<int:pk>/propose/", nominations.nomination_propose, name="nomination-propose"
    ),
    path("files/<int:pk>/", nominations.nomination_file, name="nomination-file"),
    path("rounds/<int:pk>/council/", council.council, name="council"),
    path(
        "rounds/<int:pk>/council/vote/<int:nomination_pk>/",
        council.council_vote,
        name="council-vote",
    ),
    path("rounds/<int:pk>/council/approve/", council.council_approve, name="council-approve"),
    path(
        "rounds/<int:pk>/council/<int:nomination_pk>/<slug:action>/",
        council.council_move,
        name="council-move",
    ),
    path("rounds/<int:pk>/council/publish/", council.council_publish, name="council-publish"),
    path("rounds/<int:pk>/council/upward/", council.council_upward, name="council-upward"),
    path("rounds/<int:pk>/council/decide/", council.council_decide, name="council-decide"),
    path("decisions/<int:pk>/", register.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/decision.docx", register.decision_docx, name="decision-docx"),
    path(
        "decisions/<int:pk>/certificates.docx",
        register.decision_certificates,
        name="decision-certificates",
    ),
    path("register/people/<int:pk>/", register.register_person, name="register-person"),
    path("register/units/<int:pk>/", register.register_unit, name="register-unit"),
    path("awards/<int:pk>/revoke/", register.award_revoke, name="award-revoke"),
    path("conditions/", register.condition_list, name="condition-list"),
    path("conditions/<int:pk>/end/", register.condition_end, name="condition-end"),
]
