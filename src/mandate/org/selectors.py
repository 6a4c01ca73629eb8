"""Reads of units and people that views and other apps share."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from mandate.core.plugins import home_panels
from mandate.org.models import Membership, Role, Unit, User


def led_units(user: User) -> QuerySet[Unit]:
    """The active units a user leads and every active unit below them (all of them for an
    administrator): where they may plan campaigns, ask for replications, set training
    requirements or organise an emulation round."""
    units = Unit.objects.filter(is_active=True)
    if user.is_superuser:
        return units
    paths = Membership.objects.filter(
        user=user, role=Role.LEADER, is_active=True, unit__is_active=True
    ).values_list("unit__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return units.filter(condition)


def can_lead(*, user: User, unit: Unit) -> bool:
    """A leader of the unit or of a unit above it (or an administrator)."""
    if user.is_superuser:
        return True
    return (
        Membership.objects.filter(user=user, role=Role.LEADER, is_active=True, unit__is_active=True)
        .filter(unit_id__in=unit.ancestor_ids)
        .exists()
    )


def members_of(*, units, roles) -> QuerySet[User]:
    """Active people holding one of the roles in one of the units."""
    return (
        User.objects.dangerously_unscoped()
        .filter(
            is_active=True,
            memberships__unit__in=units,
            memberships__role__in=roles,
            memberships__is_active=True,
        )
        .distinct()
    )


def members_by_unit(*, unit_ids: Iterable[int], roles: list[str]) -> dict[int, list[User]]:
    """The active people holding one of the roles in each unit: two queries for any number."""
    unit_ids = list(unit_ids)
    if not unit_ids:
        return {}
    matching = Membership.objects.filter(unit_id__in=unit_ids, role__in=roles, is_active=True)
    people = members_of(units=unit_ids, roles=roles).prefetch_related(
        Prefetch("memberships", queryset=matching, to_attr="matching_memberships")
    )
    by_unit: dict[int, list[User]] = defaultdict(list)
    for person in people:
        for membership in person.matching_memberships:
            by_unit[membership.unit_id].append(person)
    return by_unit


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__parent", "unit__locality")
        .order_by("unit__depth", "unit__search_text")
    )


def home_summary(*, user: User) -> dict:
    units = Unit.objects.visible_to(user)
    memberships = list(memberships_of(user=user))
    children = (
        Unit.objects.visible_to(user)
        .filter(parent__in=[membership.unit_id for membership in memberships])
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .in_tree_order()[:30]
    )
    return {
        "panels": home_panels(user=user),
        "memberships": memberships,
        "unit_count": units.count(),
        "person_count": User.objects.visible_to(user).count(),
        "child_units": children,
    }


def unit_list(*, user: User) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .select_related("parent", "locality")
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .in_tree_order()
    )


def unit_members(*, unit: Unit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit, is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def person_list(*, user: User) -> QuerySet[User]:
    active = Membership.objects.visible_to(user).filter(is_active=True).select_related("unit")
    return (
        User.objects.visible_to(user)
        .filter(is_active=True)
        .prefetch_related(Prefetch("memberships", queryset=active, to_attr="visible_memberships"))
        .order_by("full_name", "username")
    )


def history_of(record, *, limit: int = 20) -> list[dict]:
    """The latest changes of one record with who, when and which fields moved."""
    entries = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    rows = []
    for newer, older in zip(entries, entries[1:] + [None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                field = record._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": readable_value(field, change.old),
                        "new": readable_value(field, change.new),
                    }
                )
        rows.append({"record": newer, "changes": changes})
    return rows[:limit]


def readable_value(field, value):
    """A history value as people read it: choice labels, yes/no, names instead of ids."""
    if value is None or value == "":
        return None
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field.is_relation:
        # Names of related rows are context, not content: shown whatever the scope.
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    return value
