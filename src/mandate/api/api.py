"""The JSON API: one NinjaAPI, token or session auth, one error format, each app's router.

Every error answers `{"detail": "<a sentence in the caller's language>"}`, and a bad
request adds `"errors": [{"field": ..., "message": ...}]`.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from mandate.api.auth import ActiveSessionAuth, TokenAuth
from mandate.directives.api import router as directives_router
from mandate.directives.models import Document
from mandate.earlywarning.api import router as earlywarning_router
from mandate.earlywarning.models import Alert
from mandate.grassroots.api import router as grassroots_router
from mandate.grassroots.models import Case, Report
from mandate.honours.api import router as honours_router
from mandate.honours.models import Award, AwardRound, Nomination
from mandate.observances.api import router as observances_router
from mandate.observances.models import Campaign
from mandate.org.api import router as org_router
from mandate.org.models import Unit, User
from mandate.people.api import router as people_router
from mandate.people.models import Practice, TrainingRecord
from mandate.work.api import router as work_router
from mandate.work.models import Plan, Task

api = NinjaAPI(
    title="Mandate API",
    version="1",
    description=(
        "Guiding documents, plans, tasks, progress updates, grassroots reports and cases of "
        "the units you belong to. "
        "Authenticate with `Authorization: Bearer <token>` (a personal token from your "
        "profile page) or with the browser session (writes then need the CSRF token)."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), ActiveSessionAuth()],
    docs_url="/docs",
)

# The URL parameters that name a scoped object. A request about an object outside the
# caller's units answers 404 even when its body is also malformed: a 422 there would
# confirm that the object exists (DESIGN.md rule 1). The leak walk fails on a route
# whose parameter is missing here.
PATH_OBJECTS = {
    "document_id": Document,
    "plan_id": Plan,
    "task_id": Task,
    "unit_id": Unit,
    "person_id": User,
    "case_id": Case,
    "report_id": Report,
    "alert_id": Alert,
    "campaign_id": Campaign,
    "record_id": TrainingRecord,
    "practice_id": Practice,
    "round_id": AwardRound,
    "nomination_id": Nomination,
    "award_id": Award,
}

# Pydantic's error types, told with Django's own messages (translated in every language).
REQUEST_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "date_parsing": gettext_lazy("Enter a valid date."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date."),
    "date_type": gettext_lazy("Enter a valid date."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "literal_error": gettext_lazy(
        "Select a valid choice. That choice is not one of the available choices."
    ),
}


def names_a_hidden_object(request) -> bool:
    """Whether the URL names an object outside the caller's units (or none at all)."""
    user = getattr(request, "auth", None)
    match = request.resolver_match
    if user is None or match is None:
        return False
    for name, value in match.kwargs.items():
        model = PATH_OBJECTS.get(name)
        if model is None or not str(value).isdigit():
            continue  # not an object id: the 422 says why
        if not model.objects.visible_to(user).filter(pk=value).exists():
            return True
    return False


def problem(request, status: int, detail: str, errors: list[dict] | None = None):
    body = {"detail": detail, "errors": errors} if errors else {"detail": detail}
    return api.create_response(request, body, status=status)


def not_found(request):
    # One answer for "missing" and "outside your units": DESIGN.md rule 1.
    return problem(request, 404, _("Not found."))


@api.exception_handler(Http404)
def missing(request, exc):
    return not_found(request)


@api.exception_handler(ValidationError)
def refused(request, exc):
    """A service said no: the input breaks a rule, or the caller may not write there."""
    if not hasattr(exc, "error_dict"):
        return problem(request, 422, " ".join(exc.messages))
    errors = [
        {"field": field, "message": message}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
    return problem(request, 422, _describe(errors), errors)


@api.exception_handler(RequestInvalid)
def malformed(request, exc):
    """The request does not match the route's schema (types, required fields)."""
    if names_a_hidden_object(request):
        return not_found(request)
    errors = [
        {"field": _field_of(error["loc"]), "message": str(_message_of(error))}
        for error in exc.errors
    ]
    return problem(request, 422, _describe(errors), errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # An unreadable body ("Cannot parse request body") must not reveal a hidden object either.
    if exc.status_code == 400 and names_a_hidden_object(request):
        return not_found(request)
    return problem(request, exc.status_code, str(exc))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return problem(request, 401, _("Authentication required."))


def _field_of(location) -> str:
    # ("body", "payload", "due_on") -> "due_on"; ("query", "page") -> "page".
    parts = [str(part) for part in location]
    if parts[:1] == ["body"] and len(parts) > 2:
        parts = parts[2:]
    else:
        parts = parts[1:] or parts
    return ".".join(parts)


def _message_of(error: dict):
    return REQUEST_MESSAGES.get(error.get("type"), error.get("msg", ""))


def _describe(errors: list[dict]) -> str:
    return " ".join(
        error["message"]
        if error["field"] == NON_FIELD_ERRORS
        else f"{error['field']}: {error['message']}"
        for error in errors
    )


api.add_router("/org/", org_router)
api.add_router("/directives/", directives_router)
api.add_router("/work/", work_router)
api.add_router("/grassroots/", grassroots_router)
api.add_router("/earlywarning/", earlywarning_router)
api.add_router("/observances/", observances_router)
api.add_router("/people/", people_router)
api.add_router("/honours/", honours_router)
