"""Reads of units and people that views and other apps share."""

from django.db.models import Count, Prefetch, Q, QuerySet

from mandate.org.models import Membership, Unit, User


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit", "unit__parent", "unit__locality")
        .order_by("unit__path")
    )


def home_summary(*, user: User) -> dict:
    units = Unit.objects.visible_to(user)
    memberships = list(memberships_of(user=user))
    children = (
        Unit.objects.visible_to(user)
        .filter(parent__in=[membership.unit_id for membership in memberships])
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("path")[:30]
    )
    return {
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
        .order_by("path")
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
        record.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(entries, entries[1:] + [None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            changes = [
                {
                    "field": newer._meta.get_field(change.field).verbose_name,
                    "old": change.old,
                    "new": change.new,
                }
                for change in delta.changes
            ]
        rows.append({"record": newer, "changes": changes})
    return rows[:limit]
