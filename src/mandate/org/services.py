"""Every write to localities, units, people, memberships and tokens."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.core.imports import ImportRefused, ImportSummary
from mandate.core.scoping import forget_grants
from mandate.org.localities import LocalityRow, check_rows
from mandate.org.models import ApiToken, Locality, Membership, Unit, User

TOKEN_PREFIX = "mdt_"  # noqa: S105 -- a public marker, not a secret


# Localities ---------------------------------------------------------------


def import_localities(*, raw_rows: list[dict[str, str]]) -> ImportSummary:
    """Create or update localities by code: all rows or none, and a rerun changes nothing."""
    with transaction.atomic():
        existing = {
            locality.code: locality
            for locality in Locality.objects.filter(code__in=[row.get("code") for row in raw_rows])
        }
        known_codes = set(
            Locality.objects.filter(
                code__in=[row.get("parent_code") for row in raw_rows]
            ).values_list("code", flat=True)
        )
        rows, errors = check_rows(raw_rows, known_codes | set(existing))
        if errors:
            raise ImportRefused(errors)
        created = updated = 0
        # Parents first, so every parent exists before its children point to it.
        for row in sorted(rows, key=lambda row: (row.parent_code != "", row.number)):
            locality = existing.get(row.code)
            parent = _locality_parent(row, existing)
            if locality is None:
                locality = Locality(code=row.code)
                _apply_locality(locality, row, parent)
                locality.save()
                existing[row.code] = locality
                created += 1
            elif _apply_locality(locality, row, parent):
                locality.save()
                updated += 1
        return ImportSummary(
            created=created, updated=updated, unchanged=len(rows) - created - updated
        )


def _locality_parent(row: LocalityRow, existing: dict[str, Locality]) -> Locality | None:
    if not row.parent_code:
        return None
    return existing.get(row.parent_code) or Locality.objects.get(code=row.parent_code)


def _apply_locality(locality: Locality, row: LocalityRow, parent: Locality | None) -> bool:
    """Copy the row onto the locality; True when anything changed."""
    values = {
        "name": row.name,
        "kind": row.kind,
        "parent_id": parent.pk if parent else None,
        "lat": row.lat,
        "lon": row.lon,
        "area_km2": row.area_km2,
    }
    changed = any(getattr(locality, field) != value for field, value in values.items())
    for field, value in values.items():
        setattr(locality, field, value)
    return changed


# Units --------------------------------------------------------------------


def create_unit(
    *,
    name: str,
    kind: str,
    parent: Unit | None = None,
    abbreviation: str = "",
    locality: Locality | None = None,
    **details,
) -> Unit:
    unit = Unit(
        name=name, kind=kind, parent=parent, abbreviation=abbreviation, locality=locality, **details
    )
    unit.full_clean(exclude=["path"])
    return save_new_unit(unit=unit)


@transaction.atomic
def save_new_unit(*, unit: Unit) -> Unit:
    """Insert a unit built elsewhere (a service or the admin form); its path follows its parent."""
    unit.path = "/"
    unit.save()
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def move_unit(*, unit: Unit, parent: Unit | None) -> Unit:
    """Re-hang a unit and its whole subtree under another parent."""
    if parent is not None and parent.is_within(unit):
        raise ValidationError(_("A unit cannot be moved under itself or one of its own units."))
    old_path, new_path = unit.path, f"{parent.path if parent else '/'}{unit.pk}/"
    subtree = list(
        Unit.objects.dangerously_unscoped().select_for_update().filter(path__startswith=old_path)
    )
    for descendant in subtree:
        descendant.path = new_path + descendant.path[len(old_path) :]
        descendant.depth = descendant.path.count("/") - 2
        if descendant.pk == unit.pk:
            descendant.parent = parent
    Unit.objects.bulk_update(subtree, ["path", "depth", "parent"])
    unit.refresh_from_db()
    return unit


# People and memberships ---------------------------------------------------


@transaction.atomic
def add_membership(*, user: User, unit: Unit, role: str) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"is_active": True}
    )
    forget_grants(user)
    return membership


@transaction.atomic
def update_profile(
    *,
    user: User,
    full_name: str,
    email: str,
    phone: str,
    position: str,
    preferred_language: str,
    notification_mode: str = "",
) -> User:
    user.full_name, user.email, user.phone = full_name, email, phone
    user.position, user.preferred_language = position, preferred_language
    user.notification_mode = notification_mode or user.notification_mode
    user.full_clean(exclude=["password"])
    user.save()
    return user


def reset_calendar_token(*, user: User) -> str:
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def set_preferred_language(*, user: User, language: str) -> None:
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


# API tokens ---------------------------------------------------------------


def token_digest(token: str) -> str:
    # Tokens carry 256 bits of randomness, so a fast hash is enough: nobody can
    # brute-force the preimage, and lookups stay one indexed query.
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it in clear once; only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user, name=name, prefix=token[: len(TOKEN_PREFIX) + 6], digest=token_digest(token)
    )
    return record, token


def revoke_token(*, token: ApiToken, by: User) -> None:
    if token.user_id != by.pk and not by.is_superuser:
        raise PermissionError
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(token: str) -> User | None:
    """The active user a valid token belongs to, or None; marks the token used."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = timezone.now()
    if record.expires_at and record.expires_at <= now:
        return None
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
