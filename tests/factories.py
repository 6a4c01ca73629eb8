import factory

from mandate.org.models import Locality, Membership, Unit, User
from mandate.org.services import save_new_unit


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = Locality.Kind.COMMUNE
    lat = 20.8
    lon = 106.6


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = Unit.Kind.DIVISION
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_new_unit(unit=model_class(*args, **kwargs))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("password-for-tests")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "officer"


# Guiding documents and the work programme ------------------------------------

import datetime  # noqa: E402

from mandate.directives.models import Document, DocumentType, ReviewMilestone  # noqa: E402
from mandate.work.models import Plan, Task  # noqa: E402


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    unit = factory.SubFactory(UnitFactory)
    document_type = factory.LazyFunction(
        lambda: DocumentType.objects.get(profile="party", code="CT")
    )
    symbol = factory.Sequence(lambda n: f"{n + 1}-CT/TU")
    issuer = "Ban Thường vụ Tỉnh ủy"
    issued_on = datetime.date(2026, 1, 5)
    title = factory.Sequence(lambda n: f"Chỉ thị số {n} về công tác tuyên truyền")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Kế hoạch công tác năm 2026 số {n}")
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    lead_unit = factory.LazyAttribute(lambda task: task.plan.unit if task.plan else None)
    content = factory.Sequence(lambda n: f"Tuyên truyền nhiệm vụ trọng tâm số {n}")
    due_on = datetime.date(2026, 6, 30)


class ReviewMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewMilestone

    document = factory.SubFactory(DocumentFactory)
    kind = ReviewMilestone.Kind.PRELIMINARY
    title = factory.Sequence(lambda n: f"Sơ kết Chỉ thị số {n}")
    due_on = datetime.date(2026, 6, 30)
    responsible_unit = factory.LazyAttribute(lambda milestone: milestone.document.unit)
