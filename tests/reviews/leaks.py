"""The dashboard in the leak walk: a campaign commune_a organised for its hamlet shows on
commune_a's dashboard and must never reach charlie's (commune_b's) one. The page takes
its unit from the query string; tests/reviews/test_pages.py pins the 404 for a unit
charlie does not see."""

from django.utils import timezone

from mandate.observances.models import Campaign, CampaignTarget

# The downloads answer a binary file, which the walk cannot search for secrets: they take
# the unit from the query string exactly as the dashboard does (a unit the reader does not
# see is a 404), pinned in tests/reviews/test_annual.py.
EXEMPT = {
    "reviews:annual-docx": "the reader's own review (.docx); scope pinned in test_annual.py",
    "reviews:annual-xlsx": "the reader's own review (.xlsx); scope pinned in test_annual.py",
}

SECRET = "Chiến dịch kín: tuyên truyền thôn Đông"


def populate(world) -> list[str]:
    campaign = Campaign.objects.create(
        title=SECRET,
        unit=world.commune_a,
        status=Campaign.Status.LAUNCHED,
        occurs_on=timezone.localdate(),
    )
    CampaignTarget.objects.create(campaign=campaign, unit=world.hamlet_a)
    return [SECRET]


def _job(world) -> dict:
    from mandate.reviews.models import ReportJob

    job = ReportJob.objects.create(
        unit=world.commune_a, year=2026, requested_by=world.alice, status=ReportJob.Status.DONE
    )
    return {"pk": job.pk}


# Alice's job for commune_a; the job pages show only one's own jobs.
FOREIGN = {
    "reviews:job-detail": _job,
    "reviews:job-docx": _job,
    "reviews:job-xlsx": _job,
}

# The implementation review of a document kept by commune_a (tests/directives/leaks.py
# creates it), which charlie does not see: both the page and the .docx are a 404.
FOREIGN.update(
    {
        "reviews:directive-review": lambda world: {"pk": world.extra["document"].pk},
        "reviews:directive-docx": lambda world: {"pk": world.extra["document"].pk},
    }
)
