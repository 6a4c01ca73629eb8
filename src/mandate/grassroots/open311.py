"""Open311 GeoReport v2, so that existing 311 clients can file grassroots reports and
follow them (http://wiki.open311.org/GeoReport_v2/).

Service = report category (its `code` is the service_code); service request = one
report, whose status is its case's. The service list and definitions are public.
Everything else needs `api_key`, a personal API token from the profile page (reads also
accept a signed-in browser session); its owner's scope decides what is seen, a request
outside it reads as missing (404), and its owner's language is the one answers use.
A new request goes through `Intake`, the one validation of every channel: its text is
scrubbed of personal identifiers, and the citizen's e-mail, name and phone go to a
`Contact` that no read here ever returns. Remote media (`media_url`) is never fetched.
"""

import datetime
import functools
import json
from collections.abc import Callable, Mapping
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from mandate.core.api import CHOICE_ERROR
from mandate.grassroots import services as grassroots
from mandate.grassroots.intake import Intake
from mandate.grassroots.models import Case, Category, Report
from mandate.org.models import User
from mandate.org.services import user_for_token

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# The spec's default window for a request search: 90 days, at most 1,000 requests.
DEFAULT_SPAN = datetime.timedelta(days=90)
MAX_REQUESTS = 1000
MIDNIGHT = datetime.time()
# A list in XML is a parent element holding one child element per item.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}
SEVERITIES = {
    1: lambda: _("Low"),
    2: lambda: _("Medium"),
    3: lambda: _("High"),
    4: lambda: _("Very serious"),
}
# Intake's field -> the Open311 parameter that carried it, to name it in an error.
PARAMETERS = {
    "category": "service_code",
    "summary": "description",
    "severity": "attribute[severity]",
    "people_affected": "attribute[people_affected]",
    "observed_on": "attribute[observed_on]",
    "received_on": "attribute[observed_on]",
    "lat": "lat",
    "lon": "long",
}


class Refusal(Exception):
    """An Open311 error answer: one status, one or more sentences for the client."""

    def __init__(self, status: int, *descriptions: str):
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions


def open311(view: Callable) -> Callable:
    """Answer in the format the URL names (.json or .xml; anything else is missing), and
    turn a Refusal into the spec's error list."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
        if fmt not in CONTENT_TYPES:
            return respond("json", "errors", _errors(404, [_("Not found.")]), status=404)
        try:
            root, body = view(request, *args, **kwargs)
            return respond(fmt, root, body)
        except Refusal as refusal:
            errors = _errors(refusal.status, refusal.descriptions)
            return respond(fmt, "errors", errors, status=refusal.status)

    return answer


def respond(fmt: str, root: str, body, *, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        element = ElementTree.Element(root)
        _fill(element, root, body)
        content = ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)
    else:
        content = json.dumps(body, ensure_ascii=False)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt], status=status)
    response["Content-Language"] = translation.get_language()
    return response


def _fill(element: ElementTree.Element, tag: str, value) -> None:
    if isinstance(value, list):
        for item in value:
            _fill(ElementTree.SubElement(element, ITEM_TAGS[tag]), ITEM_TAGS[tag], item)
    elif isinstance(value, dict):
        for name, inner in value.items():
            _fill(ElementTree.SubElement(element, name), name, inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _errors(status: int, descriptions) -> list[dict]:
    return [{"code": status, "description": str(text)} for text in descriptions]


# Who is asking -----------------------------------------------------------------------


def speak_as_key_owner(request: HttpRequest) -> None:
    """A public list needs no key; one that is sent still picks the answer's language."""
    key = request.GET.get("api_key")
    user = user_for_token(key) if key else None
    if user is not None:
        _speak(request, user)


def _speak(request: HttpRequest, user: User) -> None:
    translation.activate(user.preferred_language)
    request.LANGUAGE_CODE = user.preferred_language


def caller(request: HttpRequest, *, key: str | None, session: bool) -> User:
    """The owner of a valid api_key, answering in their language; or, where allowed, the
    signed-in person. A key that is given must be valid, session or not."""
    if key:
        user = user_for_token(key)
        if user is None:
            raise Refusal(403, _("The api_key is not valid: use a personal API token."))
        _speak(request, user)
        return user
    if session and request.user.is_authenticated and request.user.is_active:
        return request.user
    raise Refusal(403, _("An api_key is required: a personal API token from your profile page."))


# Services ----------------------------------------------------------------------------


@require_GET
@open311
def services(request: HttpRequest):
    """Every active category, public: a 311 client shows the list before anyone signs in."""
    speak_as_key_owner(request)
    group = capfirst(Report._meta.verbose_name_plural)
    return "services", [
        {
            "service_code": category.code,
            "service_name": category.label,
            "description": category.description,
            "metadata": True,
            "type": "realtime",
            "keywords": ", ".join(_keywords(category)),
            "group": str(group),
        }
        for category in Category.objects.filter(is_active=True)
    ]


def _keywords(category: Category) -> list[str]:
    return [word.strip() for word in category.keywords.split(",") if word.strip()]


@require_GET
@open311
def service_definition(request: HttpRequest, code: str):
    speak_as_key_owner(request)
    category = Category.objects.filter(is_active=True, code=code).first()
    if category is None:
        raise Refusal(404, _("Not found."))
    return "service_definition", {"service_code": category.code, "attributes": attributes()}


def attributes() -> list[dict]:
    """What a request of any category carries besides the spec's own fields."""
    severities = [{"key": key, "name": f"{key} – {name()}"} for key, name in SEVERITIES.items()]
    return [
        {
            **_attribute(1, "severity", "singlevaluelist", required=True),
            "datatype_description": _("1 (low) to 4 (very serious)."),
            "values": severities,
        },
        {
            **_attribute(2, "people_affected", "number"),
            "datatype_description": _("A whole number; 0 if unknown."),
        },
        {
            **_attribute(3, "observed_on", "datetime"),
            "datatype_description": _(
                "The date the matter was seen (YYYY-MM-DD); today if left out."
            ),
        },
        {
            **_attribute(4, "locality", "string"),
            "datatype_description": _(
                "The commune's official code. Not needed when lat and long or address_id "
                "place the report."
            ),
        },
    ]


def _attribute(order: int, code: str, datatype: str, *, required: bool = False) -> dict:
    label = capfirst(Report._meta.get_field(code).verbose_name)
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "order": order,
        "description": str(label),
    }


# Service requests --------------------------------------------------------------------


@csrf_exempt  # a third-party client authenticates with api_key, never with a cookie
@require_http_methods(["GET", "POST"])
@open311
def requests(request: HttpRequest):
    if request.method == "POST":
        return "service_requests", [_create(request)]
    user = caller(request, key=request.GET.get("api_key"), session=True)
    found = _search(Report.objects.visible_to(user), request.GET)
    return "service_requests", [_request(report) for report in found]


@require_GET
@open311
def request_detail(request: HttpRequest, request_id: int):
    user = caller(request, key=request.GET.get("api_key"), session=True)
    report = _with_case(Report.objects.visible_to(user)).filter(pk=request_id).first()
    if report is None:
        raise Refusal(404, _("Not found."))
    return "service_requests", [_request(report)]


def _with_case(reports):
    return reports.select_related("case__unit", "category", "locality")


def _search(reports, query: Mapping) -> list[Report]:
    """The spec's filters; service_request_id overrides all the others."""
    if query.get("service_request_id"):
        ids = _whole_numbers(query["service_request_id"], "service_request_id")
        reports = _with_case(reports).filter(pk__in=ids[:MAX_REQUESTS])
        return list(reports.order_by("-created_at", "-pk"))
    if query.get("service_code"):
        reports = reports.filter(category__code=query["service_code"])
    if query.get("status"):
        reports = reports.filter(case__status__in=_statuses(query["status"]))
    start = _moment(query.get("start_date"), "start_date")
    end = _moment(query.get("end_date"), "end_date", end_of_day=True)
    if start is None and end is None:
        start = timezone.now() - DEFAULT_SPAN
    if start is not None:
        reports = reports.filter(created_at__gte=start)
    if end is not None:
        reports = reports.filter(created_at__lte=end)
    return list(_with_case(reports).order_by("-created_at", "-pk")[:MAX_REQUESTS])


def _whole_numbers(text: str, name: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise Refusal(400, f"{name}: {_('Enter a whole number.')}") from None


def _statuses(text: str) -> list[str]:
    statuses = []
    for word in (part.strip() for part in text.split(",")):
        if word not in {"open", "closed"}:
            raise Refusal(400, f"status: {_(CHOICE_ERROR)}")
        statuses += Case.OPEN_STATUSES if word == "open" else Case.FINISHED_STATUSES
    return statuses


def _moment(text: str | None, name: str, *, end_of_day: bool = False) -> datetime.datetime | None:
    """A W3C date-time ("2026-05-01T08:00:00+07:00"), or a bare date (its whole day)."""
    if not text:
        return None
    try:
        day = parse_date(text)
        if day is not None:
            moment = datetime.datetime.combine(day, datetime.time.max if end_of_day else MIDNIGHT)
        else:
            moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise Refusal(400, f"{name}: {_('Enter a valid date/time.')}")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _request(report: Report) -> dict:
    """One report as a service request: what it is, where, and how its case stands."""
    case, locality = report.case, report.locality
    finished = case.status in Case.FINISHED_STATUSES
    return {
        "service_request_id": report.pk,
        "status": "closed" if finished else "open",
        "status_notes": (case.resolution if finished else "") or case.get_status_display(),
        "service_name": report.category.label,
        "service_code": report.category.code,
        "description": report.summary,
        "agency_responsible": case.unit.name,
        "service_notice": None,
        "requested_datetime": _w3c(report.created_at),
        "updated_datetime": _w3c(max(report.updated_at, case.updated_at)),
        "expected_datetime": _w3c(_end_of(case.due_on)),
        "address": locality.name,
        "address_id": locality.code,
        # The report's own point, else its commune's centroid (its address is the commune).
        "lat": report.lat if report.lat is not None else locality.lat,
        "long": report.lon if report.lon is not None else locality.lon,
    }


def _w3c(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


# A new service request ----------------------------------------------------------------


def _create(request: HttpRequest) -> dict:
    data = request.POST
    user = caller(request, key=data.get("api_key") or request.GET.get("api_key"), session=False)
    raw, place = _intake_fields(data)
    try:
        draft = Intake(user).clean(raw)
        report = grassroots.file_report(draft=draft, by=user, channel=Report.Channel.OPEN311)
    except ValidationError as error:
        raise Refusal(400, *_describe(error, place=place)) from None
    case = report.case
    notice = _("Received. %(unit)s is responsible for it; expected by %(date)s.") % {
        "unit": case.unit.name,
        "date": case.due_on.strftime("%d/%m/%Y"),
    }
    return {"service_request_id": report.pk, "service_notice": notice, "account_id": None}


def _intake_fields(data: Mapping) -> tuple[dict, str]:
    """The form's fields as Intake's raw report, and the parameter that placed it.

    device_id, account_id and media_url are not kept: they describe the citizen's
    device or point elsewhere.
    """
    locality, place = _place(data)
    text = (data.get("description") or "").strip()
    address = (data.get("address_string") or "").strip()
    if text and address and place != "address_string":
        text = f"{text} ({address})"  # it did not place the report, but it says where
    name = " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
    raw = {
        "category": data.get("service_code"),
        "locality": locality,
        "lat": data.get("lat"),
        "lon": data.get("long"),
        "observed_on": data.get("attribute[observed_on]") or timezone.localdate().isoformat(),
        "severity": data.get("attribute[severity]"),
        "people_affected": data.get("attribute[people_affected]"),
        "summary": text,
        "contact_name": name,
        "contact_phone": data.get("phone"),
        "contact_email": data.get("email"),
    }
    return raw, place


def _place(data: Mapping) -> tuple[str | None, str]:
    """A commune code, else a point (the nearest commune), else a commune's name."""
    for name in ("attribute[locality]", "address_id"):
        if data.get(name):
            return data[name], name
    if data.get("lat") and data.get("long"):
        return None, "lat, long"
    if data.get("address_string"):
        return data["address_string"], "address_string"
    return None, ""


def _describe(error: ValidationError, *, place: str) -> list[str]:
    if not hasattr(error, "error_dict"):
        return error.messages
    described = []
    for field, messages in error.message_dict.items():
        if field == "locality" and not place:
            messages = [_("Say where: give lat and long, address_string or address_id.")]
        parameter = _parameter(field, place=place, message=messages[0])
        described += [f"{parameter}: {text}" for text in messages]
    return described


def _parameter(field: str, *, place: str, message: str) -> str:
    if field == "locality":
        return place or "lat, long"
    if field == "contact":
        return "email" if message == _("Enter a valid email address.") else "phone"
    return PARAMETERS.get(field, field)
