"""The council page of a round, for the organising unit's leaders: every nomination with
its checks, the vote, approving (all or nothing), returning and rejecting, the public
notice, the submission upward and the decision.

The round is fetched through `visible_to(request.user)` (a 404 otherwise); only a
leader of the organising unit reaches the page (a 403: the round itself is no secret
to the units taking part). Every move is a service call; a refusal lists its reasons.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.honours import selectors, services
from mandate.honours.forms import ReasonForm
from mandate.honours.forms_council import ApproveForm, DecideForm, PublishForm, UpwardForm, VoteForm
from mandate.honours.models import AwardRound, Nomination
from mandate.honours.views_rounds import get_round
from mandate.org.selectors import can_lead

Status = Nomination.Status


def _council_round(request, pk: int) -> AwardRound:
    award_round = get_round(request, pk)
    if not can_lead(user=request.user, unit=award_round.unit):
        raise PermissionDenied
    return award_round


def _nominations(request, award_round: AwardRound, *statuses):
    nominations = selectors.nominations_for(user=request.user, award_round=award_round)
    return nominations.filter(status__in=statuses) if statuses else nominations


def _council_forms(request, award_round: AwardRound) -> dict:
    noticed = _nominations(request, award_round, Status.NOTICED)
    upward = [n.pk for n in noticed if services.goes_upward(n)]
    decidable = _nominations(request, award_round, Status.NOTICED, Status.SUBMITTED_UPWARD)
    decidable = decidable.exclude(pk__in=upward)
    return {
        "approve": ApproveForm(
            nominations=_nominations(request, award_round, Status.COUNCIL_REVIEW)
        ),
        "publish": PublishForm(),
        "upward": UpwardForm(nominations=noticed.filter(pk__in=upward)),
        "decide": DecideForm(nominations=decidable),
    }


def _council_page(request, award_round: AwardRound, *, bound=None, errors=()):
    forms = _council_forms(request, award_round)
    if bound is not None:
        forms[bound.action] = bound
    nominations = list(_nominations(request, award_round).exclude(status=Status.WITHDRAWN))
    failures = defaultdict(list)
    caps = []
    for failure in selectors.check_round(award_round):
        if failure.nomination is not None:
            failures[failure.nomination.pk].append(failure.message)
        else:
            caps.append(failure.message)
    upward = {nomination.pk for nomination in nominations if services.goes_upward(nomination)}
    missing = services.missing_dossier_items_of(
        [n for n in nominations if n.status == Status.NOTICED and n.pk in upward]
    )
    rows = [
        {
            "nomination": nomination,
            "failures": failures.get(nomination.pk, []),
            "upward": nomination.pk in upward,
            "missing": missing.get(nomination.pk, []),
        }
        for nomination in nominations
    ]
    context = {
        "round": award_round,
        "rows": rows,
        "caps": caps,
        "sitting": award_round.status in services.COUNCIL_STAGES,
        "forms": forms,
        "errors": errors,
        "reason_form": ReasonForm(),
        "vote_form": VoteForm(),
    }
    return render(request, "honours/council.html", context)


@login_required
@require_safe
def council(request, pk: int):
    return _council_page(request, _council_round(request, pk))


def _refused(request, award_round, error: ValidationError, form=None):
    messages.error(request, _("Nothing was changed: see the reasons below."))
    return _council_page(request, award_round, bound=form, errors=error.messages)


def _nomination_of(request, award_round: AwardRound, nomination_pk: int) -> Nomination:
    return get_object_or_404(_nominations(request, award_round), pk=nomination_pk)


@login_required
@require_POST
def council_vote(request, pk: int, nomination_pk: int):
    award_round = _council_round(request, pk)
    nomination = _nomination_of(request, award_round, nomination_pk)
    form = VoteForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()]
        return _refused(request, award_round, ValidationError(errors))
    data = form.cleaned_data
    try:
        services.record_vote(nomination=nomination, **data, by=request.user)
    except ValidationError as error:
        return _refused(request, award_round, error)
    messages.success(
        request, _("The vote on %(nominee)s was recorded.") % {"nominee": nomination.nominee}
    )
    return redirect("honours:council", pk=award_round.pk)


@login_required
@require_POST
def council_approve(request, pk: int):
    award_round = _council_round(request, pk)
    choices = _nominations(request, award_round, Status.COUNCIL_REVIEW)
    form = ApproveForm(request.POST, nominations=choices)
    form.action = "approve"
    if form.is_valid():
        try:
            approved = services.approve(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            return _refused(request, award_round, error, form)
        messages.success(
            request, _("%(count)s nominations were approved.") % {"count": len(approved)}
        )
        return redirect("honours:council", pk=award_round.pk)
    return _refused(
        request, award_round, ValidationError(_("Choose at least one nomination.")), form
    )


@login_required
@require_POST
def council_move(request, pk: int, nomination_pk: int, action: str):
    """Return a nomination to its unit for completion, or reject it, with the reason."""
    moves = {"return": services.return_nomination, "reject": services.reject}
    if action not in moves:
        raise PermissionDenied
    award_round = _council_round(request, pk)
    nomination = _nomination_of(request, award_round, nomination_pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        moves[action](nomination=nomination, reason=reason, by=request.user)
    except ValidationError as error:
        return _refused(request, award_round, error)
    if action == "return":
        messages.success(request, _("The nomination was returned to its unit."))
    else:
        messages.success(request, _("The nomination was rejected."))
    return redirect("honours:council", pk=award_round.pk)


@login_required
@require_POST
def council_publish(request, pk: int):
    award_round = _council_round(request, pk)
    form = PublishForm(request.POST, request.FILES)
    form.action = "publish"
    if form.is_valid():
        try:
            published = services.publish_notice(
                award_round=award_round, **form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            return _refused(request, award_round, error, form)
        messages.success(
            request, _("The list of %(count)s was published.") % {"count": len(published)}
        )
        return redirect("honours:council", pk=award_round.pk)
    return _refused(request, award_round, ValidationError(form.errors.as_text()), form)


@login_required
@require_POST
def council_upward(request, pk: int):
    award_round = _council_round(request, pk)
    choices = _nominations(request, award_round, Status.NOTICED)
    form = UpwardForm(request.POST, request.FILES, nominations=choices)
    form.action = "upward"
    if form.is_valid():
        try:
            sent = services.submit_upward(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            return _refused(request, award_round, error, form)
        messages.success(
            request, _("%(count)s dossiers were submitted upward.") % {"count": len(sent)}
        )
        return redirect("honours:council", pk=award_round.pk)
    return _refused(
        request, award_round, ValidationError(_("Choose at least one nomination.")), form
    )


@login_required
@require_POST
def council_decide(request, pk: int):
    award_round = _council_round(request, pk)
    choices = _nominations(request, award_round, Status.NOTICED, Status.SUBMITTED_UPWARD)
    form = DecideForm(request.POST, nominations=choices)
    form.action = "decide"
    if form.is_valid():
        try:
            decision = services.decide(
                award_round=award_round, **form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # a field's refusal also shows by the field
                add_service_errors(form, error)
            return _refused(request, award_round, error, form)
        messages.success(request, _("The decision was recorded and the register written."))
        return redirect("honours:decision-detail", pk=decision.pk)
    messages.error(request, _("Nothing was changed: see the message by the form."))
    return _council_page(request, award_round, bound=form)
