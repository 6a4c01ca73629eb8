"""A unit's nominations in a round: proposing nominees, the list with its live check
failures and its submission to the council; one nomination with its steps, evidence,
achievement report, dossier and checks; withdrawing and proposing again.

Nominations are fetched through `visible_to(request.user)` (a 404 otherwise) and
written through services.py; a refusal comes back on the form and nothing changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mandate.core.forms import add_service_errors
from mandate.honours import selectors, services
from mandate.honours.forms import AchievementForm, FilesForm, ProposeForm, ReasonForm
from mandate.honours.models import AwardRound, Nomination, NominationFile
from mandate.honours.views_rounds import get_round, get_unit
from mandate.org.selectors import can_lead
from mandate.work.models import Bucket

Status = Nomination.Status
EDITABLE = (Status.DRAFT, Status.PROPOSED, Status.RETURNED)


def get_nomination(request, pk: int) -> Nomination:
    return get_object_or_404(selectors.nominations_for(user=request.user), pk=pk)


# The unit's list ---------------------------------------------------------------------


def _unit_page(request, award_round: AwardRound, unit, *, submit_errors=()):
    nominations = list(
        selectors.nominations_for(user=request.user, award_round=award_round, unit=unit)
    )
    context = {
        "round": award_round,
        "unit": unit,
        "nominations": nominations,
        "failures": selectors.check_round(award_round, unit=unit),
        "caps": selectors.cap_summary(award_round, unit=unit),
        "leads": can_lead(user=request.user, unit=unit),
        "nominating": award_round.status == AwardRound.Status.NOMINATING,
        "has_proposed": any(n.status == Status.PROPOSED for n in nominations),
        "submit_errors": submit_errors,
        "withdraw_form": ReasonForm(prefix="withdraw"),
    }
    return render(request, "honours/round_unit.html", context)


@login_required
@require_safe
def round_unit(request, pk: int, unit_pk: int):
    award_round = get_round(request, pk)
    return _unit_page(request, award_round, get_unit(request, award_round, unit_pk))


@login_required
@require_POST
def round_submit(request, pk: int, unit_pk: int):
    """Send the unit's proposed list to the council; every failing check is shown."""
    award_round = get_round(request, pk)
    unit = get_unit(request, award_round, unit_pk)
    try:
        sent = services.submit_to_council(
            award_round=award_round, unit=unit, by=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, _("The list was not submitted: nothing was changed."))
        return _unit_page(request, award_round, unit, submit_errors=error.messages)
    messages.success(
        request,
        _("The list of %(count)s nominations was submitted to the council.") % {"count": len(sent)},
    )
    return redirect("honours:round-unit", pk=award_round.pk, unit_pk=unit.pk)


@login_required
def round_propose(request, pk: int, unit_pk: int):
    award_round = get_round(request, pk)
    unit = get_unit(request, award_round, unit_pk)
    form = ProposeForm(request.POST or None, unit=unit, award_round=award_round)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.propose(
                award_round=award_round,
                title=form.cleaned_data["title"],
                unit=unit,
                nominees=form.nominees(),
                draft=form.cleaned_data["draft"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(count)s nominees were added to the list.") % {"count": len(created)}
            )
            return redirect("honours:round-unit", pk=award_round.pk, unit_pk=unit.pk)
    context = {"round": award_round, "unit": unit, "form": form}
    return render(request, "honours/round_propose.html", context)


# One nomination ----------------------------------------------------------------------


def _nomination_page(request, nomination: Nomination, *, achievement=None, files=None):
    evidence = selectors.evidence_for(nomination)
    leads = can_lead(user=request.user, unit=nomination.unit)
    if achievement is None:
        text = nomination.achievement
        if request.GET.get("draft"):
            text = selectors.draft_achievement_report(nomination, evidence)
        achievement = AchievementForm(initial={"text": text, "version": nomination.version})
    context = {
        "nomination": nomination,
        "steps": selectors.steps_of(nomination=nomination),
        "evidence": evidence,
        "buckets": [(key, Bucket(key).label, count) for key, count in evidence.buckets.items()],
        "failures": selectors.check_nomination(nomination),
        "dossier": selectors.dossier_of(nomination=nomination),
        "leads": leads,
        "can_edit": leads and nomination.status in EDITABLE,
        "can_attach": leads or can_lead(user=request.user, unit=nomination.round.unit),
        "achievement_form": achievement,
        "files_form": files or FilesForm(title=nomination.title),
        "withdraw_form": ReasonForm(prefix="withdraw"),
        "goes_upward": services.goes_upward(nomination),
    }
    return render(request, "honours/nomination_detail.html", context)


@login_required
@require_safe
def nomination_detail(request, pk: int):
    return _nomination_page(request, get_nomination(request, pk))


@login_required
@require_POST
def nomination_achievement(request, pk: int):
    """Save the report; a stale save is refused with the reader's text kept on the form."""
    nomination = get_nomination(request, pk)
    form = AchievementForm(request.POST)
    if form.is_valid():
        try:
            services.update_achievement(
                nomination=nomination,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The achievement report was saved."))
            return redirect("honours:nomination-detail", pk=nomination.pk)
    messages.error(request, _("The report was not saved: see the message by the form."))
    return _nomination_page(request, nomination, achievement=form)


@login_required
@require_POST
def nomination_files(request, pk: int):
    nomination = get_nomination(request, pk)
    form = FilesForm(request.POST, request.FILES, title=nomination.title)
    if form.is_valid():
        try:
            services.attach_files(nomination=nomination, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The files were added to the dossier."))
            return redirect("honours:nomination-detail", pk=nomination.pk)
    messages.error(request, _("Nothing was added: see the message by the form."))
    return _nomination_page(request, nomination, files=form)


@login_required
@require_POST
def nomination_withdraw(request, pk: int):
    nomination = get_nomination(request, pk)
    form = ReasonForm(request.POST, prefix="withdraw")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.withdraw(nomination=nomination, reason=reason, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The nomination was withdrawn."))
    return redirect("honours:round-unit", pk=nomination.round_id, unit_pk=nomination.unit_id)


@login_required
@require_POST
def nomination_propose(request, pk: int):
    """A draft, or a nomination the council returned, proposed (again)."""
    nomination = get_nomination(request, pk)
    try:
        services.submit_proposals(nominations=[nomination], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The nomination is proposed."))
    return redirect("honours:nomination-detail", pk=nomination.pk)


@login_required
@require_safe
def nomination_file(request, pk: int):
    visible = Nomination.objects.visible_to(request.user)
    stored = get_object_or_404(NominationFile.objects.filter(nomination__in=visible), pk=pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
