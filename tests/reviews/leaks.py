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
