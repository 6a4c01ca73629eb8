"""Fill a fresh SQLite database with the demo organisation and 1,000,000 grassroots reports.

The organisation (Hải Phòng's 114 communes, the department, its divisions and agencies,
about 300 people) and the routing rules come from the demo seed; reports, cases and
timeline events are written with raw bulk inserts (executemany, as bench/generate.py
does), deterministic for a given seed:

- 1,000,000 reports over three years up to the demo's reference date, with the demo's
  category shares, seasons, weekly rhythm and per-commune weights, filed by each
  commune's collaborator and officer; summaries from the demo's templates, scrubbed;
- about one report in ten joins an open case of the same category and commune reported
  on in the last 14 days, the others open their own: about 900,000 cases;
- each case's outcome by its age on the reference date: most resolved or closed (some
  without resolution), about 3 % still open, late ones escalated the day after their
  deadline, a few referred;
- a short timeline per case (opened, acknowledged, the last step, escalation, reports
  added), consistent with its status and version. No history rows.

    MANDATE_DATA_DIR=var/bench-grassroots python bench/generate_grassroots.py

Writes `generated.json` next to the database: counts, timings and the ids the benchmark
uses.
"""

import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.generate import Insert, setup_django, write  # noqa: E402

REPORTS = 1_000_000
YEARS = 3
SEED = 20_261_120
JOIN_SHARE = 0.12  # of the reports that find an open case of their category and commune
STUCK_SHARE = 0.015  # cases nobody settles: open, overdue, escalated
LATE_SHARE = 0.12
SUMMARIES_PER_COMMUNE = 6  # per category: a pool, drawn from the demo's templates
LAGS, LAG_WEIGHTS = (0, 1, 2, 3, 5), (55, 80, 90, 96, 100)  # days from observed to received
SEVERITIES, SEVERITY_WEIGHTS = (1, 2, 3, 4), (30, 72, 94, 100)
CHANNELS, CHANNEL_WEIGHTS = ("web", "api", "open311"), (76, 94, 100)


def _log(message: str) -> None:
    print(message, flush=True)


class Moments:
    """ISO dates and UTC timestamps of day ordinals, computed once."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.base = first.toordinal()
        count = last.toordinal() - self.base + 60
        self.dates = [datetime.date.fromordinal(self.base + n).isoformat() for n in range(count)]

    def date(self, ordinal: int | None) -> str | None:
        return None if ordinal is None else self.dates[ordinal - self.base]

    def stamp(self, ordinal: int, minute: int) -> str:
        """A moment of that day's office hours in Viet Nam (UTC+7), stored in UTC."""
        return f"{self.dates[ordinal - self.base]} {1 + minute // 60:02d}:{minute % 60:02d}:00"


class Reports:
    """Reports and their cases as rows, drawn like the demo's, then aged to the reference date."""

    def __init__(self, rng: random.Random, builder, *, reports: int):
        from mandate.core.text import fold
        from mandate.grassroots import demo
        from mandate.grassroots.services import title_from

        self.rng, self.builder, self.demo, self.target = rng, builder, demo, reports
        self.today = demo.REFERENCE_DATE.toordinal()
        self.first_day = demo.REFERENCE_DATE - datetime.timedelta(days=365 * YEARS - 1)
        self.moments = Moments(self.first_day, demo.REFERENCE_DATE)
        self.categories = builder.categories
        self.communes = builder.communes
        self.pool = self.summaries(fold, title_from)
        self.resolutions = {
            code: [text.format(n=n) for text in texts for n in (5, 12, 20)]
            for code, texts in demo.RESOLUTIONS.items()
        }
        self.filers = {
            commune.unit.pk: (
                [user for user, _weight in commune.filers],
                list(accumulate(weight for _user, weight in commune.filers)),
            )
            for commune in self.communes
        }
        self.report_rows: list[tuple] = []
        self.cases: list[list] = []

    def summaries(self, fold, title_from) -> dict[tuple[str, int], list[tuple]]:
        """(summary, redactions, title, folded title) per category and commune."""
        rng, pool = self.rng, {}
        for code, templates in self.demo.TEMPLATES.items():
            for index, commune in enumerate(self.communes):
                texts = []
                for _n in range(SUMMARIES_PER_COMMUNE):
                    report = self.builder._report(code, commune, self.demo.REFERENCE_DATE, "")
                    report.template = rng.choice(templates)[1]
                    self.builder._text(report, follow_up=False)
                    title = title_from(report.summary)
                    texts.append((report.summary, report.redactions, title, fold(title)))
                pool[(code, index)] = texts
        return pool

    # Drawing ---------------------------------------------------------------------------

    def build(self) -> None:
        rng, demo = self.rng, self.demo
        days = [self.first_day + datetime.timedelta(days=n) for n in range(365 * YEARS)]
        weights = [self.builder.day_weights(day) for day in days]
        scale = self.target / sum(sum(w.values()) for w in weights)
        codes = list(demo.SHARES)
        # Cumulative weights, computed once: choices() would add them up on every call.
        commune_weights = {
            code: list(accumulate(c.weight * c.leaning[code] for c in self.communes))
            for code in codes
        }
        indexes = list(range(len(self.communes)))
        drawn = []
        for day, weight in zip(days, weights, strict=True):
            expected = scale * sum(weight.values())
            count = max(0, round(rng.gauss(expected, expected**0.5)))
            ordinal = day.toordinal()
            for code in rng.choices(codes, weights=[weight[c] for c in codes], k=count):
                commune = rng.choices(indexes, cum_weights=commune_weights[code])[0]
                lag = rng.choices(LAGS, cum_weights=LAG_WEIGHTS)[0]
                drawn.append((min(self.today, ordinal + lag), ordinal, code, commune))
        drawn.sort()
        # Exactly the number asked for: the Gaussian day counts only come close.
        drawn = drawn[: self.target] if len(drawn) >= self.target else drawn
        while len(drawn) < self.target:
            drawn.append(drawn[rng.randrange(len(drawn))])
        drawn.sort()
        open_by_key: dict[tuple[str, int], list] = {}
        for received, observed, code, commune in drawn:
            key = (code, commune)
            case = open_by_key.get(key)
            if (
                case is not None
                and (case[FINISH] is None or received < case[FINISH])
                and case[LAST] >= observed - 14
                and rng.random() < JOIN_SHARE
            ):
                self.report(case, received, observed, code, commune, joined=True)
                continue
            case = self.open(received, observed, code, commune)
            open_by_key[key] = case
            self.report(case, received, observed, code, commune, joined=False)

    def open(self, received: int, observed: int, code: str, commune: int) -> list:
        rng = self.rng
        category = self.categories[code]
        deadline = category.deadline_days
        draw = rng.random()
        if draw < STUCK_SHARE:
            finish = None
        elif draw < STUCK_SHARE + LATE_SHARE:
            finish = received + deadline + rng.randint(1, 40)
        else:
            finish = received + rng.randint(max(1, deadline // 6), deadline)
        place = self.communes[commune]
        unit = self.builder.router.unit_id(category.pk, place.locality.pk)
        summary, redactions, title, folded = rng.choice(self.pool[(code, commune)])
        case = [None] * WIDTH
        case[ID], case[CODE], case[COMMUNE], case[UNIT] = len(self.cases) + 1, code, commune, unit
        case[OPENED], case[LAST], case[FINISH], case[DEADLINE] = (
            received,
            observed,
            finish,
            deadline,
        )
        case[COUNT], case[SEVERITY], case[PEOPLE] = 0, 1, 0
        case[SUMMARY] = (summary, redactions, title, folded)
        case[OPENER] = self.filer(place)
        self.cases.append(case)
        return case

    def filer(self, commune) -> int:
        users, weights = self.filers[commune.unit.pk]
        return self.rng.choices(users, cum_weights=weights)[0]

    def report(self, case: list, received: int, observed: int, code: str, commune: int, *, joined):
        rng, moments, place = self.rng, self.moments, self.communes[commune]
        severity = rng.choices(SEVERITIES, cum_weights=SEVERITY_WEIGHTS)[0]
        people = rng.randint(1, 20 * severity**2)
        summary, redactions, _title, _folded = (
            rng.choice(self.pool[(code, commune)]) if joined else case[SUMMARY]
        )
        case[COUNT] += 1
        case[LAST] = max(case[LAST], observed)
        case[SEVERITY], case[PEOPLE] = max(case[SEVERITY], severity), max(case[PEOPLE], people)
        user = case[OPENER] if not joined else self.filer(place)
        stamp = moments.stamp(received, rng.randint(0, 599))
        if joined:
            case[JOINS] = (case[JOINS] or []) + [(stamp, user, place.unit.name, observed)]
        else:
            case[FIRST_AT] = stamp
        self.report_rows.append(
            (
                len(self.report_rows) + 1,
                stamp,
                stamp,
                moments.date(observed),
                moments.date(received),
                severity,
                people,
                summary,
                redactions,
                rng.choices(CHANNELS, cum_weights=CHANNEL_WEIGHTS)[0],
                None,
                None,
                case[ID],
                self.categories[code].pk,
                place.locality.pk,
                user,
                place.unit.pk,
            )
        )

    # Ageing to the reference date -------------------------------------------------------

    def outcome(self, case: list) -> dict:
        """The case's row and timeline on the reference date."""
        rng, today, moments = self.rng, self.today, self.moments
        opened, deadline, finish = case[OPENED], case[DEADLINE], case[FINISH]
        due = opened + deadline
        staff = self.builder.staff[case[UNIT]] or [case[OPENER]]
        events = [(case[FIRST_AT], "opened", case[OPENER], None, case[UNIT], "")]
        for stamp, user, unit_name, observed in case[JOINS] or ():
            text = f"Phản ánh của {unit_name} ngày {moments.date(observed)}."
            events.append((stamp, "report", user, None, None, text))
        row = {"status": "new", "close_reason": "", "resolution": "", "unit_id": case[UNIT]}
        # Finished cases keep a short timeline: opened, the outcome (and escalation, reports).
        finished = finish is not None and finish <= today
        acknowledged = opened + rng.randint(0, 3)
        if not finished and acknowledged <= today and today - opened >= 2:
            row["status"] = "acknowledged"
            events.append(
                (
                    moments.stamp(acknowledged, 599),
                    "acknowledged",
                    rng.choice(staff),
                    None,
                    None,
                    "",
                )
            )
        if finished:
            draw, code = rng.random(), case[CODE]
            if draw < 0.07:
                reason = "not_ours" if draw < 0.04 else "no_action"
                row.update(status="unresolved", close_reason=reason, closed_on=finish)
                row["resolution"] = rng.choice(self.demo.UNRESOLVED[reason])
                events.append(
                    (
                        moments.stamp(finish, 300),
                        "unresolved",
                        rng.choice(staff),
                        None,
                        None,
                        row["resolution"],
                    )
                )
            else:
                row.update(status="resolved", resolved_on=finish)
                row["resolution"] = rng.choice(self.resolutions[code])
                events.append(
                    (
                        moments.stamp(finish, 300),
                        "resolved",
                        rng.choice(staff),
                        None,
                        None,
                        row["resolution"],
                    )
                )
                closed = finish + rng.randint(2, 10)
                if closed <= today and rng.random() < 0.9:
                    row.update(status="closed", closed_on=closed)
                    events.append(
                        (moments.stamp(closed, 400), "closed", rng.choice(staff), None, None, "")
                    )
        elif row["status"] == "acknowledged":
            if rng.random() < 0.06:
                referred_to = self.builder.by_abbreviation["DVNN"].pk
                if referred_to != case[UNIT]:
                    row.update(status="referred", unit_id=referred_to)
                    events.append(
                        (
                            moments.stamp(acknowledged + 1, 200),
                            "referred",
                            rng.choice(staff),
                            case[UNIT],
                            referred_to,
                            "Chuyển theo chức năng.",
                        )
                    )
            elif rng.random() < 0.65:
                row["status"] = "in_progress"
                events.append(
                    (
                        moments.stamp(acknowledged + 1, 240),
                        "started",
                        rng.choice(staff),
                        None,
                        None,
                        "",
                    )
                )
        # The daily round escalates a case still open on the morning after its deadline.
        if due + 1 <= (finish if finished else today):
            row["escalated_on"] = due + 1
            above = self.builder.units[row["unit_id"]].parent_id
            text = f"Quá hạn từ ngày {moments.date(due)}."
            events.append(
                (moments.stamp(due + 1, 0), "escalated", None, row["unit_id"], above, text)
            )
        transitions = sum(kind not in ("opened", "escalated") for _s, kind, *_r in events)
        row.update(
            id=case[ID],
            created_at=events[0][0],
            updated_at=max(event[0] for event in events),
            search_text=case[SUMMARY][3],
            title=case[SUMMARY][2],
            severity=case[SEVERITY],
            people_affected=case[PEOPLE],
            report_count=case[COUNT],
            opened_on=moments.date(opened),
            last_reported_on=moments.date(case[LAST]),
            due_on=moments.date(due),
            resolved_on=moments.date(row.get("resolved_on")),
            closed_on=moments.date(row.get("closed_on")),
            escalated_on=moments.date(row.get("escalated_on")),
            version=1 + transitions,
            category_id=self.categories[case[CODE]].pk,
            locality_id=self.communes[case[COMMUNE]].locality.pk,
            opened_by_id=case[OPENER],
            origin_unit_id=self.communes[case[COMMUNE]].unit.pk,
        )
        row["events"] = events
        return row


# The slots of a case while it is drawn (a list per case: 900,000 of them).
ID, CODE, COMMUNE, UNIT, OPENED, LAST, FINISH, DEADLINE, COUNT, SEVERITY, PEOPLE = range(11)
SUMMARY, OPENER, JOINS, FIRST_AT = 11, 12, 13, 14
WIDTH = 15


REPORT_COLUMNS = [
    "id", "created_at", "updated_at", "observed_on", "received_on", "severity",
    "people_affected", "summary", "redactions", "channel", "lat", "lon", "case_id",
    "category_id", "locality_id", "reported_by_id", "reporting_unit_id",
]  # fmt: skip
EVENT_COLUMNS = ["at", "kind", "actor_id", "from_unit_id", "to_unit_id", "text", "case_id"]


def seed_organisation(rng: random.Random):
    """The demo's organisation and routing; the builder that drew the demo's reports."""
    from django.db import transaction

    from mandate.grassroots.demo import GrassrootsDemo
    from mandate.org import demo as org_demo

    with transaction.atomic():
        org_demo.seed(rng=rng, log=_log)
        builder = GrassrootsDemo(rng)
        builder.configure_routing()
    return builder


def drop_indexes(cursor, models) -> list[str]:
    """Drop the tables' indexes and give back the SQL that makes them again: SQLite sorts
    and builds an index over loaded rows far faster than it keeps it up to date row by row."""
    tables = [model._meta.db_table for model in models]
    marks = ", ".join(["%s"] * len(tables))
    query = f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks})"  # noqa: S608 -- placeholders only
    cursor.execute(query + " AND sql IS NOT NULL", tables)
    indexes = cursor.fetchall()
    for name, _sql in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in indexes]


def generate(*, reports: int = REPORTS, seed: int = SEED) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from mandate.core.db import refresh_statistics
    from mandate.grassroots.models import Case, CaseEvent, Report
    from mandate.org.models import Unit, User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Unit.objects.dangerously_unscoped().exists():
        raise SystemExit(f"{settings.DATABASES['default']['NAME']} is not empty; remove it first.")
    rng = random.Random(seed)
    builder = seed_organisation(rng)
    timings = {"organisation": time.perf_counter() - started}

    mark = time.perf_counter()
    drawn = Reports(rng, builder, reports=reports)
    drawn.build()
    timings["draw reports"] = time.perf_counter() - mark

    mark = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB while writing
    case_insert = Insert(Case, skip=())
    statuses: dict[str, int] = defaultdict(int)
    event_rows: list[tuple] = []
    case_rows = []
    busiest = (0, 0)  # (reports, case id): the detail page a benchmark may open
    for case in drawn.cases:
        row = drawn.outcome(case)
        statuses[row["status"]] += 1
        busiest = max(busiest, (row["report_count"], row["id"]))
        event_rows += [(*event, row["id"]) for event in row.pop("events")]
        case_rows.append(case_insert.row(row))
    drawn.cases = []  # the rows hold what is needed
    timings["age cases"] = time.perf_counter() - mark

    mark = time.perf_counter()
    with connection.cursor() as cursor:
        # A bulk load: no rollback journal to write twice, indexes built once at the end.
        cursor.execute("PRAGMA journal_mode=MEMORY")
        indexes = drop_indexes(cursor, [Case, Report, CaseEvent])
    with transaction.atomic(), connection.cursor() as cursor:
        write(cursor, case_insert, case_rows)
        write(cursor, Insert(Report, skip=(), columns=REPORT_COLUMNS), drawn.report_rows)
        write(cursor, Insert(CaseEvent, columns=EVENT_COLUMNS), event_rows)
    timings["insert"] = time.perf_counter() - mark
    mark = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in indexes:
            cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    timings["index"] = time.perf_counter() - mark
    mark = time.perf_counter()
    # As `mandate seed` and `mandate tick` do after bulk writes: the planner's statistics.
    refresh_statistics()
    timings["statistics"] = time.perf_counter() - mark

    officer = User.objects.get(username="canbo.xa")
    commune = officer.memberships.get().unit
    timings["total"] = time.perf_counter() - started
    summary = {
        "seed": seed,
        "reports": len(drawn.report_rows),
        "cases": len(case_rows),
        "events": len(event_rows),
        "statuses": dict(sorted(statuses.items())),
        "timings": {name: round(seconds, 1) for name, seconds in timings.items()},
        "objects": {
            "commune_unit": commune.pk,
            "commune_locality": commune.locality_id,
            "busiest_case": busiest[1],
        },
    }
    Path(settings.DATA_DIR, "generated.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    if not os.environ.get("MANDATE_DATA_DIR"):
        raise SystemExit("Set MANDATE_DATA_DIR to the directory of the database to fill.")
    setup_django()
    summary = generate()
    _log(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
