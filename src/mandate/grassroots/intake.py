"""One validation for every way a report comes in: web form, JSON API, Open311, import.

`Intake(user)` loads, once, what checking a report needs (categories, the localities
the user may report on, their units); `clean(raw)` turns one raw mapping of strings
or values into a `Draft` or raises a ValidationError keyed by field. An import checks
every row with the same Intake before anything is written.
"""

import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.text import fold
from mandate.grassroots.models import Case, Category, Contact
from mandate.grassroots.scrub import scrub
from mandate.org.geo import Centroids
from mandate.org.models import Locality, Membership, Role, Unit, User

SUMMARY_MIN, SUMMARY_MAX = 10, 2000
MAX_PEOPLE = 10_000_000
# How far from a commune's centroid a point may fall and still be placed in it.
NEAREST_LOCALITY_KM = 30.0
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "contact_address")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})", re.ASCII)
# Viewers read and never write: their memberships give no commune to report on.
FILING_ROLES = (Role.LEADER, Role.OFFICER, Role.REPORTER)


@dataclass
class Draft:
    """A checked report, ready to file: its summary is already scrubbed."""

    category: Category
    locality: Locality
    observed_on: datetime.date
    received_on: datetime.date
    severity: int
    people_affected: int
    summary: str
    redactions: int
    reporting_unit_id: int
    lat: float | None = None
    lon: float | None = None
    contact: dict = field(default_factory=dict)
    case_id: int | None = None


class Intake:
    def __init__(self, user: User, *, today: datetime.date | None = None):
        self.user = user
        self.today = today or timezone.localdate()
        self.categories = list(Category.objects.filter(is_active=True))
        self._category_keys = {}
        for category in self.categories:
            for key in (category.pk, str(category.pk), category.code, fold(category.name)):
                self._category_keys[key] = category
            for name in (category.name_en, category.name_fr):
                if name:
                    self._category_keys[fold(name)] = category
        self.units = self._member_units()
        self.localities = reportable_localities(user, units=self.units)
        self._locality_keys = {}
        for locality in self.localities.values():
            for key in (locality.pk, str(locality.pk), locality.code, fold(locality.name)):
                self._locality_keys[key] = locality
        self._centroids = None
        self._reporting_units: dict[int, int | None] = {}
        self._parsers = (
            ("category", self._category),
            ("lat", functools.partial(_number, low=-90, high=90)),
            ("lon", functools.partial(_number, low=-180, high=180)),
            ("locality", None),
            ("observed_on", functools.partial(self._date, required=True)),
            ("received_on", functools.partial(self._date, required=False)),
            ("severity", functools.partial(_whole, low=1, high=4, required=True)),
            ("people_affected", functools.partial(_whole, low=0, high=MAX_PEOPLE)),
            ("summary", _summary),
            ("contact", None),
            ("case", functools.partial(_whole, low=1, high=None)),
        )

    def _member_units(self) -> list[Unit]:
        return list(
            Unit.objects.filter(
                memberships__user=self.user,
                memberships__is_active=True,
                memberships__role__in=FILING_ROLES,
                is_active=True,
            )
            .select_related("locality")
            .distinct()
        )

    # One raw report -> a Draft ---------------------------------------------------

    def clean(self, raw: Mapping) -> Draft:
        errors: dict[str, str] = {}
        values = {}
        get = raw.get
        # One loop over bound parsers, not a closure and lambdas made for every row:
        # an import checks 100,000 rows.
        for name, parse in self._parsers:
            try:
                if name == "locality":
                    values[name] = self._place(get(name), values["lat"], values["lon"])
                elif name == "contact":
                    values[name] = _contact(raw)
                else:
                    values[name] = parse(get(name))
            except ValidationError as error:
                errors[name] = error.messages[0]
                values[name] = None
        category, locality, observed_on, received_on, severity, people, summary = (
            values["category"],
            values["locality"],
            values["observed_on"],
            values["received_on"],
            values["severity"],
            values["people_affected"],
            values["summary"],
        )
        lat, lon, contact, case_id = values["lat"], values["lon"], values["contact"], values["case"]
        received_on = received_on or self.today
        if observed_on and observed_on > received_on:
            errors["observed_on"] = _("The date observed is after the date received.")
        if errors:
            raise ValidationError(errors)
        text, redactions = scrub(summary)
        return Draft(
            category=category,
            locality=locality,
            observed_on=observed_on,
            received_on=received_on,
            severity=severity,
            people_affected=people or 0,
            summary=text,
            redactions=redactions,
            reporting_unit_id=self.reporting_unit_id(locality),
            lat=lat,
            lon=lon,
            contact=contact,
            case_id=case_id,
        )

    def _place(self, value, lat: float | None, lon: float | None) -> Locality:
        """The commune named, else the one nearest the point given."""
        if value in (None, "") and lat is not None and lon is not None:
            return self._nearest(lat, lon)
        return self._locality(value)

    def reporting_unit_id(self, locality: Locality) -> int | None:
        """The user's unit nearest to the locality: tied to it, else to a locality above it."""
        if locality.pk not in self._reporting_units:
            self._reporting_units[locality.pk] = self._nearest_unit_id(locality)
        return self._reporting_units[locality.pk]

    def _nearest_unit_id(self, locality: Locality) -> int | None:
        chain = [locality.pk, locality.parent_id]
        for place in chain:
            here = [unit for unit in self.units if unit.locality_id == place]
            if here:
                return max(here, key=lambda unit: unit.depth).pk
        return self.units[0].pk if self.units else None

    # Fields --------------------------------------------------------------------

    def _category(self, value) -> Category:
        if value in (None, ""):
            raise ValidationError(_("This field is required."))
        key = value.pk if isinstance(value, Category) else value
        found = self._category_keys.get(key) or self._category_keys.get(fold(str(key)))
        if found is None:
            raise ValidationError(_("“%(value)s” is not a report category.") % {"value": value})
        return found

    def _locality(self, value) -> Locality:
        if value in (None, ""):
            raise ValidationError(_("This field is required."))
        key = value.pk if isinstance(value, Locality) else value
        found = self._locality_keys.get(key) or self._locality_keys.get(fold(str(key)))
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not a commune you report on.") % {"value": value}
            )
        return found

    def _nearest(self, lat: float, lon: float) -> Locality:
        if self._centroids is None:
            self._centroids = Centroids.of(
                (pk, locality.lat, locality.lon) for pk, locality in self.localities.items()
            )
        found = self._centroids.nearest(lat, lon, k=1, radius_km=NEAREST_LOCALITY_KM)
        if not found:
            raise ValidationError(_("This point is not in a commune you report on."))
        return self.localities[found[0]]

    def _date(self, value, *, required: bool) -> datetime.date | None:
        if value in (None, ""):
            if required:
                raise ValidationError(_("This field is required."))
            return None
        date = _parse_date(value)
        if date > self.today:
            raise ValidationError(_("The date is in the future."))
        if date.year < 2000:
            raise ValidationError(_("Enter a valid date."))
        return date


def reportable_localities(user: User, *, units: list[Unit] | None = None) -> dict[int, Locality]:
    """The communes a user may report on: those of their units, and those under them.

    A unit tied to the province (the department and its divisions) reports on every
    commune of the province. Administrators may report anywhere; viewers nowhere.
    """
    communes = Locality.objects.filter(children__isnull=True, parent__isnull=False)
    if not user.is_superuser:
        if units is None:
            units = list(
                Unit.objects.filter(
                    memberships__user=user,
                    memberships__is_active=True,
                    memberships__role__in=FILING_ROLES,
                )
            )
        places = {unit.locality_id for unit in units if unit.locality_id}
        communes = communes.filter(pk__in=places) | communes.filter(parent__in=places)
    return {locality.pk: locality for locality in communes.order_by("name")}


def can_see_contact(*, user: User, case: Case) -> bool:
    """Only the intake officers (leaders and officers) of the unit the case is routed to."""
    return Membership.objects.filter(
        user=user, unit_id=case.unit_id, role__in=["leader", "officer"], is_active=True
    ).exists()


def _summary(value) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError(_("This field is required."))
    if len(text) < SUMMARY_MIN:
        raise ValidationError(
            _("Describe the matter in at least %(count)s characters.") % {"count": SUMMARY_MIN}
        )
    if len(text) > SUMMARY_MAX:
        raise ValidationError(
            _("Keep the summary under %(count)s characters.") % {"count": SUMMARY_MAX}
        )
    return text


def _contact(raw: Mapping) -> dict:
    get = raw.get
    if not (get("contact_name") or get("contact_phone") or get("contact_email")):
        if not get("contact_address"):
            return {}
    contact = {
        name.removeprefix("contact_"): " ".join(str(raw.get(name) or "").split())
        for name in CONTACT_FIELDS
    }
    for key, value in contact.items():
        limit = Contact._meta.get_field(key).max_length
        if len(value) > limit:
            raise ValidationError(
                _("Keep the contact's %(field)s under %(count)s characters.")
                % {"field": Contact._meta.get_field(key).verbose_name, "count": limit}
            )
    if contact["email"]:
        try:
            validate_email(contact["email"])
        except ValidationError:
            raise ValidationError(_("Enter a valid email address.")) from None
    if contact["phone"] and sum(ch.isdigit() for ch in contact["phone"]) < 8:
        raise ValidationError(_("Enter a valid phone number."))
    return {key: value for key, value in contact.items() if value}


def _parse_date(value) -> datetime.date:
    """yyyy-mm-dd, dd/mm/yyyy or dd-mm-yyyy (a time after it is ignored).

    Read with two regular expressions rather than strptime, which costs ten times as
    much and is called twice per row of a 100,000-row import; the rows of an import
    share a few hundred dates, so each text is read once.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _date_from_text(str(value).strip()[:10])


@functools.lru_cache(maxsize=4096)
def _date_from_text(text: str) -> datetime.date:
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST_DATE.fullmatch(text):
        day, _separator, month, year = match.groups()
    else:
        raise ValidationError(_("Enter a valid date."))
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(_("Enter a valid date.")) from None


def case_number(value) -> int | None:
    """The case a raw report names, read as `Intake.clean` reads it; None when it names
    none, or none that can be read (`clean` then says why)."""
    try:
        return _whole(value, low=1, high=None)
    except ValidationError:
        return None


def _whole(value, low: int, high: int | None, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationError(_("This field is required."))
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(_("Enter a whole number.")) from None
    if number < low or (high is not None and number > high):
        if high is None:
            raise ValidationError(_("Enter a number of at least %(low)s.") % {"low": low})
        raise ValidationError(
            _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return number


def _number(value, low: float, high: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValidationError(_("Enter a number.")) from None
    if not low <= number <= high:
        raise ValidationError(
            _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return number
