"""The calendar in the leak walk: observances are public calendar facts (national days,
and local anniversaries a unit chooses to publish), shared by every user by design."""

EXEMPT = {
    "observances:year": "public calendar facts, the same for every user; nothing unit-owned",
}
