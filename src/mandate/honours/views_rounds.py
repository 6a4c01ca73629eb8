"""The round pages: the list, organising a round, one round with its deadlines, moves,
per-unit summary, pledges and ratings; a unit's ratings of its members.

Rounds and units are fetched through `visible_to(request.user)` (a 404 otherwise) and
written through services.py; a refusal comes back on the form and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.honours import selectors, services
from mandate.honours.forms import (
    MemberRatingForm,
    MoveForm,
    PledgeForm,
    RoundForm,
    UnitRatingForm,
    led_units,
)
from mandate.honours.models import AwardRound, Decision, Nomination
from mandate.org.models import Unit
from mandate.org.selectors import can_lead

PAGE_SIZE = 25
Status = Nomination.Status


def get_round(request, pk: int) -> AwardRound:
    return get_object_or_404(selectors.rounds_for(user=request.user), pk=pk)


def get_unit(request, award_round: AwardRound, pk: int) -> Unit:
    """A unit the reader sees that takes part in the round."""
    units = Unit.objects.visible_to(request.user).filter(path__startswith=award_round.unit.path)
    return get_object_or_404(units, pk=pk)


@login_required
@require_safe
def round_list(request):
    visible = Nomination.objects.visible_to(request.user)
    live = Q(nominations__in=visible.filter(status__in=Nomination.LIVE))
    rounds = (
        selectors.rounds_for(user=request.user)
        .annotate(
            live=Count("nominations", filter=live, distinct=True),
            in_council=Count(
                "nominations",
                filter=Q(nominations__in=visible.filter(status=Status.COUNCIL_REVIEW)),
                distinct=True,
            ),
            decided=Count(
                "nominations",
                filter=Q(nominations__in=visible.filter(status=Status.DECIDED)),
                distinct=True,
            ),
        )
        .order_by("-year", "-period_end", "-id")
    )
    context = {
        "page": Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_create": led_units(request.user).exists(),
    }
    return render(request, "honours/round_list.html", context)


@login_required
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            award_round = services.create_round(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round was organised: it is open for pledges."))
            return redirect("honours:round-detail", pk=award_round.pk)
    return render(request, "honours/round_form.html", {"form": form})


def _unit_summary(request, award_round: AwardRound) -> list[dict]:
    return list(
        Nomination.objects.visible_to(request.user)
        .filter(round=award_round)
        .values("unit_id", "unit__name")
        .annotate(
            live=Count("pk", filter=Q(status__in=Nomination.LIVE)),
            proposed=Count("pk", filter=Q(status__in=[Status.DRAFT, Status.PROPOSED])),
            council=Count("pk", filter=Q(status=Status.COUNCIL_REVIEW)),
            approved=Count("pk", filter=Q(status__in=Nomination.APPROVED_OR_LATER)),
            decided=Count("pk", filter=Q(status=Status.DECIDED)),
            returned=Count("pk", filter=Q(status=Status.RETURNED)),
        )
        .order_by("unit__name")
    )


def _my_units(request, award_round: AwardRound) -> list[Unit]:
    """The units of the round the reader leads directly: where they propose and rate."""
    return list(
        led_units(request.user).filter(path__startswith=award_round.unit.path).in_tree_order()[:20]
    )


def _round_page(request, award_round: AwardRound, *, bound=None):
    leads = can_lead(user=request.user, unit=award_round.unit)
    open_ = award_round.status == AwardRound.Status.OPEN
    forms = {
        "pledge": PledgeForm(user=request.user, award_round=award_round) if open_ else None,
        "rate_unit": UnitRatingForm(user=request.user, award_round=award_round)
        if leads and award_round.status == AwardRound.Status.NOMINATING
        else None,
    }
    if bound is not None:
        forms[bound.action] = bound
    my_units = _my_units(request, award_round)
    context = {
        "round": award_round,
        "leads": leads,
        "moves": [AwardRound.Status(to) for to in AwardRound.TRANSITIONS[award_round.status]]
        if leads
        else [],
        "counts": selectors.nomination_counts(user=request.user, award_round=award_round),
        "units": _unit_summary(request, award_round),
        "caps": [(unit, selectors.cap_summary(award_round, unit=unit)) for unit in my_units[:5]],
        "my_units": my_units,
        "pledges": selectors.pledges_for(user=request.user, award_round=award_round)[:200],
        "unit_ratings": selectors.ratings_for(user=request.user, award_round=award_round).filter(
            person__isnull=True
        ),
        "decisions": Decision.objects.visible_to(request.user).filter(round=award_round),
        "forms": forms,
    }
    return render(request, "honours/round_detail.html", context)


@login_required
@require_safe
def round_detail(request, pk: int):
    return _round_page(request, get_round(request, pk))


@login_required
@require_POST
def round_move(request, pk: int):
    award_round = get_round(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_round(
                award_round=award_round, to=form.cleaned_data["to"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The round's status was changed."))
    return redirect("honours:round-detail", pk=award_round.pk)


@login_required
@require_POST
def round_pledge(request, pk: int):
    award_round = get_round(request, pk)
    form = PledgeForm(request.POST, user=request.user, award_round=award_round)
    form.action = "pledge"
    if form.is_valid():
        try:
            services.register_pledge(award_round=award_round, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pledge was registered."))
            return redirect("honours:round-detail", pk=award_round.pk)
    messages.error(request, _("Nothing was changed: see the message by the form."))
    return _round_page(request, award_round, bound=form)


@login_required
@require_POST
def round_rate_unit(request, pk: int):
    award_round = get_round(request, pk)
    form = UnitRatingForm(request.POST, user=request.user, award_round=award_round)
    form.action = "rate_unit"
    if form.is_valid():
        try:
            services.rate_unit(award_round=award_round, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The collective's rating was recorded."))
            return redirect("honours:round-detail", pk=award_round.pk)
    messages.error(request, _("Nothing was changed: see the message by the form."))
    return _round_page(request, award_round, bound=form)


@login_required
def round_rate(request, pk: int, unit_pk: int):
    """The unit's year-end ratings of its members, one select each."""
    award_round = get_round(request, pk)
    unit = get_unit(request, award_round, unit_pk)
    given = selectors.ratings_for(user=request.user, award_round=award_round, unit=unit)
    current = {row.person_id: row.rating for row in given if row.person_id}
    form = MemberRatingForm(request.POST or None, unit=unit, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_members(
                award_round=award_round, unit=unit, ratings=form.ratings(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The ratings were saved."))
            return redirect("honours:round-unit", pk=award_round.pk, unit_pk=unit.pk)
    context = {
        "round": award_round,
        "unit": unit,
        "form": form,
        "leads": can_lead(user=request.user, unit=unit),
    }
    return render(request, "honours/round_rate.html", context)
