"""The calendar and campaigns in the leak walk.

Observances are public calendar facts (national days, and local anniversaries a unit
chooses to publish), shared by every user by design. Campaigns are unit-owned: a
campaign commune_a runs for its hamlet, with its tasks, acknowledgement note and
evidence, must never reach charlie (an officer of commune_b).
"""

import datetime

from mandate.observances.models import Campaign, CampaignStep, CampaignTarget, CampaignTemplate
from mandate.work.models import Task

OCCURS_ON = datetime.date(2026, 9, 2)

EXEMPT = {
    "observances:year": "public calendar facts, the same for every user; nothing unit-owned",
}

# Campaign pages (observances/campaign_views.py) ---------------------------------


def _campaign(world) -> dict:
    return {"pk": world.extra["campaign"].pk}


FOREIGN = {
    "observances:campaign-detail": _campaign,
    "observances:campaign-action": lambda world: _campaign(world) | {"action": "acknowledge"},
}
# The template list has no parameter: it is walked like the campaign list and form.
EXEMPT["observances:template-detail"] = (
    "a province-wide campaign template (steps at day offsets), read by every user by "
    "design; nothing unit-owned"
)

# Calendar pages (observances/views.py) ------------------------------------------

# The year and month pages take a year (and a month), not an object: there is no
# "foreign" value that must answer 404. They show public calendar facts plus the
# reader's own campaigns and tasks, fetched through visible_to(request.user);
# tests/observances/test_calendar_pages.py walks 08/2026, 09/2026 and 2026 with charlie
# over every secret of this walk (commune_a's campaign of 02/09, its task of 28/08).
# The local observance form and the public feed have no parameter: the walk visits them.
_OWN_CALENDAR = (
    "public calendar facts plus the reader's own campaigns and tasks (visible_to); "
    "test_calendar_pages.py walks it with charlie over the leak walk's secrets"
)
EXEMPT["observances:year"] = _OWN_CALENDAR
EXEMPT["observances:month"] = _OWN_CALENDAR

# API routes (observances/api.py) ------------------------------------------------


def _api_campaign(world) -> dict:
    return {"campaign_id": world.extra["campaign"].pk}


FOREIGN.update(
    {
        "api:campaign_detail": _api_campaign,
        "api:campaign_action": lambda world: _api_campaign(world) | {"action": "launch"},
    }
)
EXEMPT.update(
    {
        "api:observance_list": "public calendar facts, the same for every user; nothing unit-owned",
        "api:occurrence_list": "a year's dates of the public calendar facts; nothing unit-owned",
    }
)


def populate(world) -> list[str]:
    template = CampaignTemplate.objects.create(name="Mẫu kế hoạch thử")
    CampaignStep.objects.create(template=template, offset_days=-10, content="Treo băng rôn")
    campaign = Campaign.objects.create(
        title="Chiến dịch kín: tuyên truyền lễ hội làng Đông",
        unit=world.commune_a,
        occurs_on=OCCURS_ON,
        template=template,
        status=Campaign.Status.LAUNCHED,
        launched_on=OCCURS_ON - datetime.timedelta(days=30),
    )
    CampaignTarget.objects.create(
        campaign=campaign,
        unit=world.hamlet_a,
        acknowledged_at=datetime.datetime(2026, 8, 10, tzinfo=datetime.UTC),
        acknowledged_by=world.olga,
        note="Ghi chú kín: thôn Đông đã nhận hướng dẫn",
    )
    Task.objects.create(
        lead_unit=world.hamlet_a,
        origin=Task.Origin.CAMPAIGN,
        campaign=campaign,
        content="Nhiệm vụ kín: dựng cổng chào lễ hội làng Đông",
        due_on=OCCURS_ON - datetime.timedelta(days=5),
    )
    world.extra["campaign"] = campaign
    return [
        "Chiến dịch kín: tuyên truyền lễ hội làng Đông",
        "Ghi chú kín: thôn Đông đã nhận hướng dẫn",
        "Nhiệm vụ kín: dựng cổng chào lễ hội làng Đông",
    ]
