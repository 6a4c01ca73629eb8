"""Next year's draft plan, made from the dashboard's review: the leader lands on the new
plan's page in the work app, where they edit and approve it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.reviews.forms import DashboardForm
from mandate.reviews.services import draft_next_year_plan


@login_required
@require_POST
def next_year_plan(request):
    form = DashboardForm(request.POST, user=request.user)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    if unit is None:
        raise Http404  # a unit the reader does not see is one that does not exist
    year = form.period(today=timezone.localdate()).start.year
    try:
        plan = draft_next_year_plan(unit=unit, year=year, by=request.user)
    except ValidationError as error:
        if error.code == "exists":
            messages.info(request, " ".join(error.messages))
            return redirect("work:plan-detail", pk=error.params["plan"].pk)
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('reviews:dashboard')}?unit={unit.pk}&year={year}")
    messages.success(request, _("Next year's plan was drafted: edit it, then approve it."))
    return redirect("work:plan-detail", pk=plan.pk)
