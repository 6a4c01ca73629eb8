from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from mandate.org import selectors
from mandate.org.models import Unit, User

router = Router(tags=["org"])


class UnitOut(Schema):
    id: int
    name: str
    abbreviation: str
    kind: str
    parent_id: int | None
    locality_code: str | None = Field(None, alias="locality.code")


class MembershipOut(Schema):
    unit_id: int
    role: str


class PersonOut(Schema):
    id: int
    username: str
    full_name: str
    position: str
    email: str


class MeOut(PersonOut):
    preferred_language: str
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(user: User) -> list:
        return list(selectors.memberships_of(user=user))


@router.get("/me", response=MeOut)
def me(request):
    return request.auth


@router.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=50)
def unit_list(request, q: str = "", kind: str = ""):
    units = selectors.unit_list(user=request.auth).search(q)
    return units.filter(kind=kind) if kind else units


@router.get("/units/{unit_id}", response=UnitOut)
def unit_detail(request, unit_id: int):
    return get_object_or_404(
        Unit.objects.visible_to(request.auth).select_related("locality"), pk=unit_id
    )


@router.get("/people", response=list[PersonOut])
@paginate(PageNumberPagination, page_size=50)
def person_list(request, q: str = ""):
    return User.objects.visible_to(request.auth).filter(is_active=True).search(q)


@router.get("/people/{person_id}", response=PersonOut)
def person_detail(request, person_id: int):
    return get_object_or_404(User.objects.visible_to(request.auth), pk=person_id)
