"""A person's own notices: the list, opening one, marking them all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.core import notifications

PAGE_SIZE = 25


@login_required
def notification_list(request):
    notices = notifications.notices_of(user=request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    """Mark the notice read and go where it points; another person's notice is a 404."""
    notice = get_object_or_404(notifications.notices_of(user=request.user), pk=pk)
    notifications.mark_read(notice=notice)
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, {request.get_host()}, request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("core:notification-list")


@login_required
@require_POST
def notification_read_all(request):
    count = notifications.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notices are marked read."))
    return redirect("core:notification-list")
