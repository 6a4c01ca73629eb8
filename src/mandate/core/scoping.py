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
    read_paths: tuple[str, ...] = ()
    write_paths: tuple[str, ...] = ()
    reporter_unit_ids: tuple[int, ...] = ()
    # Paths of every unit the user belongs to, whatever the role.
    all_paths: tuple[str, ...] = ()


NO_GRANTS = Grants()


@dataclass(frozen=True)
class Scope:
    """Where a model's owning unit is, and who filed a row (for reporters).

    unit_field: the lookup path from the model to its owning Unit ("unit",
    "lead_unit", "case__unit"); empty for the Unit model itself.
    owner_field: the user who filed the row; reporters see only their own rows.
    shared_down: rows are also readable by every unit below the owning one (guiding
    documents of the department reach the communes that carry them out).
    """

    unit_field: str = "unit"
    owner_field: str | None = None
    shared_down: bool = False

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


def _subtrees(scope: Scope, paths: tuple[str, ...]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{scope.lookup("path__startswith"): path})
    return condition


class ScopedQuerySet(models.QuerySet):
    def _scope(self) -> Scope:
        return self.model.scope

    def visible_to(self, user) -> "ScopedQuerySet":
        grants = grants_for(user)
        if grants.everything:
            return self.all()
        scope = self._scope()
        condition = _subtrees(scope, grants.read_paths)
        if grants.reporter_unit_ids:
            own_unit = Q(**{_unit_id_lookup(scope): grants.reporter_unit_ids})
            if scope.owner_field:
                own_unit &= Q(**{scope.owner_field: user})
            condition |= own_unit
        if scope.shared_down and grants.all_paths:
            condition |= Q(**{scope.lookup("path__in"): _ancestor_paths(grants.all_paths)})
        return self.filter(condition)

    def editable_by(self, user) -> "ScopedQuerySet":
        grants = grants_for(user)
        if grants.everything:
            return self.all()
        scope = self._scope()
        condition = _subtrees(scope, grants.write_paths)
        if grants.reporter_unit_ids and scope.owner_field:
            condition |= Q(**{_unit_id_lookup(scope): grants.reporter_unit_ids}) & Q(
                **{scope.owner_field: user}
            )
        return self.filter(condition)

    def dangerously_unscoped(self) -> "ScopedQuerySet":
        """Every row, whoever asks: for commands, migrations, admin and services only."""
        return self.all()


def _ancestor_paths(paths: tuple[str, ...]) -> list[str]:
    """ "/1/5/23/" has the ancestors "/1/", "/1/5/" and itself: read off the path, no query."""
    ancestors = set()
    for path in paths:
        ids = path.strip("/").split("/")
        ancestors.update("/" + "/".join(ids[: depth + 1]) + "/" for depth in range(len(ids)))
    return sorted(ancestors)


def _unit_id_lookup(scope: Scope) -> str:
    return f"{scope.unit_field}__in" if scope.unit_field else "pk__in"
