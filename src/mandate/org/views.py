from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.org import selectors, services
from mandate.org.filters import PersonFilter, UnitFilter
from mandate.org.forms import ProfileForm, TokenForm
from mandate.org.models import ApiToken, Unit, User

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _list_template(request, template: str) -> str:
    return f"{template}#rows" if request.htmx and not request.htmx.boosted else template


@login_required
def home(request):
    return render(request, "org/home.html", selectors.home_summary(user=request.user))


@require_POST
def language_set(request):
    """Switch the interface language: saved on the person, and in a cookie for the sign-in page."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.set_preferred_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@login_required
def unit_list(request):
    filterset = UnitFilter(request.GET, queryset=selectors.unit_list(user=request.user))
    page = _page(request, filterset.qs)
    return render(
        request, _list_template(request, "org/unit_list.html"), {"filter": filterset, "page": page}
    )


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("parent", "locality"), pk=pk
    )
    context = {
        "unit": unit,
        "children": selectors.unit_list(user=request.user).filter(parent=unit),
        "page": _page(request, selectors.unit_members(unit=unit)),
        "history": selectors.history_of(unit),
    }
    return render(request, _list_template(request, "org/unit_detail.html"), context)


@login_required
def person_list(request):
    filterset = PersonFilter(
        request.GET, queryset=selectors.person_list(user=request.user), user=request.user
    )
    page = _page(request, filterset.qs)
    return render(
        request,
        _list_template(request, "org/person_list.html"),
        {"filter": filterset, "page": page},
    )


@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    context = {
        "person": person,
        "memberships": selectors.memberships_of(user=person).filter(
            unit__in=Unit.objects.visible_to(request.user)
        ),
        "history": selectors.history_of(person),
    }
    return render(request, "org/person_detail.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("org:profile")
    context = {
        "form": form,
        "token_form": TokenForm(),
        "tokens": request.user.api_tokens.all(),
        "memberships": selectors.memberships_of(user=request.user),
        **_calendar_urls(request.user),
    }
    return render(request, "org/profile.html", context)


def _calendar_urls(user: User) -> dict:
    """The private feed address, absolute for calendar programs; none before it is created."""
    if not user.calendar_token:
        return {}
    try:
        path = reverse("work:calendar-feed", kwargs={"token": user.calendar_token})
    except NoReverseMatch:  # the work programme is not installed
        return {}
    url = f"{settings.MANDATE_BASE_URL}{path}"
    # webcal:// makes a click open the calendar program's "subscribe" dialogue.
    return {"calendar_url": url, "calendar_subscribe_url": "webcal://" + url.split("://", 1)[1]}


@login_required
@require_POST
def calendar_reset(request):
    """Create the private calendar address, or replace it: the old one stops working at once."""
    had_one = bool(request.user.calendar_token)
    services.reset_calendar_token(user=request.user)
    if had_one:
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect(f"{reverse('org:profile')}#calendar-title")


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("org:profile")
    _record, token = services.issue_token(user=request.user, name=form.cleaned_data["name"])
    return render(request, "org/token_created.html", {"token": token})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("org:profile")
