"""Rule 1 of DESIGN.md: a user reaches a unit-owned row only through its unit.

Every unit-owned model declares `scope = Scope(unit_field=...)` and uses
`ScopedQuerySet` (or a subclass) as its default manager. Views and API routes
fetch with `Model.objects.visible_to(user)` and write through
`Model.objects.editable_by(user)`; the only way around the scope is spelled
`dangerously_unscoped()` so that a grep finds every use.

Grants come from memberships: leaders, officers and viewers read their unit's
whole subtree; leaders and officers write there; reporters read their own unit's
public lists and only what they filed themselves. Province-wide reach is a
membership in the root unit, never a flag.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Grants:
    """What one user may reach, computed once per request from their memberships."""

    everything: bool = False
    # The units whose rows the user reads / writes: whole subtrees of their memberships.
    read_unit_ids: frozenset[int] = frozenset()
    write_unit_ids: frozenset[int] = frozenset()
    # True when those subtrees hold every unit there is (a membership in the root):
    # the queries then need no condition at all, which keeps province-wide lists fast.
    reads_all_units: bool = False
    writes_all_units: bool = False
    reporter_unit_ids: tuple[int, ...] = ()
    # The units the user belongs to and every unit above them, whatever the role.
    ancestor_unit_ids: frozenset[int] = frozenset()


NO_GRANTS = Grants()


@dataclass(frozen=True)
class Scope:
    """Where a model's owning unit is, and who filed a row (for reporters).

    unit_field: the lookup path from the model to its owning Unit ("unit",
    "lead_unit", "case__unit"); empty for the Unit model itself.
    owner_field: the user who filed the row; reporters see only their own rows.
    shared_down: rows are also readable by every unit below the owning one (guiding
    documents of the department reach the communes that carry them out).
    also_read_by: further paths to units whose readers see the row too, never write it
    (a grassroots report is read by the agency its case was routed to).
    """

    unit_field: str = "unit"
    owner_field: str | None = None
    shared_down: bool = False
    also_read_by: tuple[str, ...] = ()

    def lookup(self, name: str) -> str:
        return f"{self.unit_field}__{name}" if self.unit_field else name


def grants_for(user) -> Grants:
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_scope_grants", None)
    if cached is None:
        cached = user.compute_scope_grants()
        user._scope_grants = cached
    return cached


def forget_grants(user) -> None:
    """Drop the per-request cache after a membership of this user changed."""
    user.__dict__.pop("_scope_grants", None)


class ScopedQuerySet(models.QuerySet):
    def _scope(self) -> Scope:
        return self.model.scope

    def visible_to(self, user) -> "ScopedQuerySet":
        grants = grants_for(user)
        if grants.everything or grants.reads_all_units:
            return self.all()
        scope = self._scope()
        condition = Q(**{_unit_id_lookup(scope): grants.read_unit_ids})
        for path in scope.also_read_by:
            condition |= Q(**{f"{path}__in": grants.read_unit_ids})
        if grants.reporter_unit_ids:
            own_unit = Q(**{_unit_id_lookup(scope): grants.reporter_unit_ids})
            if scope.owner_field:
                own_unit &= Q(**{scope.owner_field: user})
            condition |= own_unit
        if scope.shared_down and grants.ancestor_unit_ids:
            condition |= Q(**{_unit_id_lookup(scope): grants.ancestor_unit_ids})
        return self.filter(condition)

    def editable_by(self, user) -> "ScopedQuerySet":
        grants = grants_for(user)
        if grants.everything or grants.writes_all_units:
            return self.all()
        scope = self._scope()
        condition = Q(**{_unit_id_lookup(scope): grants.write_unit_ids})
        if grants.reporter_unit_ids and scope.owner_field:
            condition |= Q(**{_unit_id_lookup(scope): grants.reporter_unit_ids}) & Q(
                **{scope.owner_field: user}
            )
        return self.filter(condition)

    def dangerously_unscoped(self) -> "ScopedQuerySet":
        """Every row, whoever asks: for commands, migrations, admin and services only."""
        return self.all()


def grants_from(
    *,
    memberships: list[tuple[str, int, str]],
    units: list[tuple[int, str]],
    read_roles: set[str],
    write_roles: set[str],
    reporter_role: str,
) -> Grants:
    """Grants from (role, unit id, unit path) memberships and every unit's (id, path).

    A unit's path lists the ids from the root ("/1/5/23/"): its subtree is every path
    starting with it, and its ancestors are the ids written in it.
    """
    read_paths = tuple({path for role, _unit, path in memberships if role in read_roles})
    write_paths = tuple({path for role, _unit, path in memberships if role in write_roles})
    read_ids = (
        frozenset(pk for pk, path in units if path.startswith(read_paths))
        if read_paths
        else frozenset()
    )
    write_ids = (
        frozenset(pk for pk, path in units if path.startswith(write_paths))
        if write_paths
        else frozenset()
    )
    ancestors = frozenset(
        int(pk) for _role, _unit, path in memberships for pk in path.strip("/").split("/") if pk
    )
    return Grants(
        read_unit_ids=read_ids,
        write_unit_ids=write_ids,
        reads_all_units=bool(units) and len(read_ids) == len(units),
        writes_all_units=bool(units) and len(write_ids) == len(units),
        reporter_unit_ids=tuple(
            {unit for role, unit, _path in memberships if role == reporter_role}
        ),
        ancestor_unit_ids=ancestors,
    )


def _unit_id_lookup(scope: Scope) -> str:
    return f"{scope.unit_field}__in" if scope.unit_field else "pk__in"
