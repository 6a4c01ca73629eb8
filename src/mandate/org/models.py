"""Localities, the unit tree, people, their memberships and personal API tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import Searchable, SearchableQuerySet, TimeStamped
from mandate.core.scoping import Grants, Scope, ScopedQuerySet, grants_for, grants_from


class Locality(Searchable):
    """An administrative unit of the post-2025 two-level system, by its GSO code."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        MUNICIPALITY = "municipality", _("Centrally-run city")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        SPECIAL_ZONE = "special_zone", _("Special zone")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)

    search_fields = ("name", "code")
    objects = SearchableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(ScopedQuerySet, SearchableQuerySet):
    def in_tree_order(self) -> "UnitQuerySet":
        """Higher units first; within a level, by kind, then by name ignoring accents."""
        ranks = [When(kind=kind, then=rank) for rank, kind in enumerate(Unit.KIND_ORDER)]
        return self.annotate(kind_rank=Case(*ranks, default=len(ranks))).order_by(
            "depth", "kind_rank", "search_text"
        )


class Unit(Searchable, TimeStamped):
    """An organisational unit; `path` holds the ids from the root ("/1/5/23/")."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        DIVISION = "division", _("Division")
        AGENCY = "agency", _("Agency")
        PRESS = "press", _("Press body")
        COMMUNE = "commune", _("Commune unit")
        MASS_ORGANISATION = "mass_org", _("Mass organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    KIND_ORDER = ["department", "division", "agency", "press", "mass_org", "commune", "other"]
    search_fields = ("name", "abbreviation")
    scope = Scope(unit_field="")
    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["path", "depth", "search_text"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["depth", "search_text"]

    def __str__(self) -> str:
        return self.name

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    def subtree(self) -> "models.QuerySet":
        """The ids of this unit and every unit below it, as a subquery. Unscoped: the
        rows it filters carry the reader's scope."""
        return Unit.objects.dangerously_unscoped().filter(path__startswith=self.path).values("pk")

    @property
    def ancestor_ids(self) -> list[int]:
        """This unit and every unit above it, read off the path."""
        return [int(pk) for pk in self.path.strip("/").split("/") if pk]


class Role(models.TextChoices):
    LEADER = "leader", _("Leader")
    OFFICER = "officer", _("Officer")
    REPORTER = "reporter", _("Reporter")
    VIEWER = "viewer", _("Viewer")


READ_SUBTREE_ROLES = {Role.LEADER, Role.OFFICER, Role.VIEWER}
WRITE_SUBTREE_ROLES = {Role.LEADER, Role.OFFICER}


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("One e-mail per notice")
    DIGEST = "digest", _("One daily digest")
    NONE = "none", _("No e-mail, in the application only")


class UserQuerySet(SearchableQuerySet):
    """People are visible through the units they belong to, and to themselves."""

    def visible_to(self, user) -> "UserQuerySet":
        if grants_for(user).everything:
            return self.all()
        members = Membership.objects.visible_to(user).values("user_id")
        return self.filter(Q(pk__in=members) | Q(pk=user.pk))

    def dangerously_unscoped(self) -> "UserQuerySet":
        return self.all()


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(Searchable, AbstractUser):
    first_name = None
    last_name = None
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    notification_mode = models.CharField(
        _("e-mail notifications"),
        max_length=10,
        choices=NotificationMode.choices,
        default=NotificationMode.IMMEDIATE,
    )
    # The secret in the private calendar URL; reset from the profile page.
    calendar_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    REQUIRED_FIELDS = ["email", "full_name"]
    search_fields = ("full_name", "username", "email", "position")
    objects = ScopedUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "search_text"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    def compute_scope_grants(self) -> Grants:
        if self.is_superuser:
            return Grants(everything=True)
        memberships = list(
            self.memberships.filter(is_active=True, unit__is_active=True).values_list(
                "role", "unit_id", "unit__path"
            )
        )
        if not memberships:
            return Grants()
        # Every unit's id and path in one query: a province has a few hundred, the
        # country a few thousand; the subtrees are then worked out here.
        units = list(Unit.objects.dangerously_unscoped().order_by().values_list("id", "path"))
        return grants_from(
            memberships=memberships,
            units=units,
            read_roles=READ_SUBTREE_ROLES,
            write_roles=WRITE_SUBTREE_ROLES,
            reporter_role=Role.REPORTER,
        )


class Membership(TimeStamped):
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    scope = Scope(unit_field="unit")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__depth", "unit__search_text", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored, the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
