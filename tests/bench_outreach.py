"""Coverage dashboard on a large training log: the figures, the whole admin page and a drill-down.

BENCH_RECORDS sets the number of training records (certificates plus in-person sessions);
the default is the product target, 1,000,000 records (200,000 learners, 20,000 organisations).
BENCH_OUTCOMES sets the number of outcome reports (default: one per ten records, 100,000).
`BENCH_RECORDS=20000 python -m tests.bench tests.bench_outreach` is a quick run.
"""

import os
import sys
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.bench import timed


def _figures(f):
    from outreach.services import coverage

    coverage.Coverage(f).figures()


def _outcome_figures(f):
    from outreach.services import coverage, outcomes

    outcomes.figures(f, coverage.Coverage(f).figures())


def _outcome_figures_only(f, coverage_figures):
    from outreach.services import outcomes

    outcomes.figures(f, coverage_figures)


def run(report):
    from redflag.demo import synthetic

    from courses.demo import seed_site
    from courses.models import CourseIndexPage, StakeholderGroup
    from outreach.models import Organisation
    from outreach.services import coverage
    from tests.conftest import FrontDoorClient, make_course, make_user

    records = int(os.environ.get("BENCH_RECORDS", "1000000"))
    outcome_count = int(os.environ.get("BENCH_OUTCOMES", str(records // 10)))
    home = seed_site()
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="bench-outreach"))
    for group in StakeholderGroup.objects.all():
        make_course(index, group, slug=f"bench-{group.slug}", lessons=1, blocks_per_lesson=1)

    started = time.perf_counter()
    result = synthetic.generate(records, seed=1, progress_stream=sys.stderr,
                                outcomes=outcome_count)
    generated_in = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Planner statistics and the visibility map (which index-only scans need), as autovacuum
        # keeps them on a live database.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    size = (f"{records:,} records: {result['certificates']:,} certificates, "
            f"{result['sessions']:,} sessions, {result['learners']:,} learners, "
            f"{result['organisations']:,} organisations, {outcome_count:,} outcome reports")
    report.row(f"generate_training_data ({connection.vendor})",
               f"{generated_in:.0f} s ({records / generated_in:,.0f} records/s)", "", size)

    f = coverage.CoverageFilter.default()
    repeat = 5 if records >= 200000 else 20
    with CaptureQueriesContext(connection) as queries:
        _figures(f)
    median, p95 = timed(lambda: _figures(f), repeat=repeat, warmup=1)
    report.row(f"coverage figures, exact recount, 24 months ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {len(queries)} queries",
               "≤ 100 ms on PostgreSQL, constant queries", size)

    # The outcome figures on top of coverage's: the dashboard computes them from its (cached)
    # coverage figures, so that is what is timed, and then the two together.
    coverage_figures = coverage.Coverage(f).figures()
    with CaptureQueriesContext(connection) as queries:
        _outcome_figures_only(f, coverage_figures)
    median, p95 = timed(lambda: _outcome_figures_only(f, coverage_figures), repeat=repeat,
                        warmup=1)
    report.row(f"outcome figures, 24 months ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {len(queries)} queries",
               "≤ 100 ms on PostgreSQL, constant queries", size)
    median, p95 = timed(lambda: _outcome_figures(f), repeat=repeat, warmup=1)
    report.row(f"coverage and outcome figures together, 24 months ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95", "", size)

    state = coverage.CoverageFilter.default(state="CA")
    median, p95 = timed(lambda: _figures(state), repeat=repeat, warmup=1)
    report.row(f"coverage figures, exact recount, one state ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95", "≤ 100 ms on PostgreSQL", size)

    group = StakeholderGroup.objects.order_by("sort_order").first()
    narrow = coverage.CoverageFilter.default(group_id=group.pk, state="CA")
    median, p95 = timed(lambda: _figures(narrow), repeat=repeat, warmup=1)
    report.row(f"coverage figures, exact recount, one group in CA ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95", "≤ 100 ms on PostgreSQL", size)

    coordinator = make_user("bench-outreach-coordinator@example.org", group="Coordinators")
    client = FrontDoorClient()  # signed in with the second factor staff need
    client.force_login(coordinator)
    dashboard = "/admin/coverage/"
    client.get(dashboard)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard).status_code == 200
    cached_queries = len(queries)
    median, p95 = timed(lambda: client.get(dashboard), repeat=repeat, warmup=1)
    report.row(f"coverage dashboard page, figures cached ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {cached_queries} queries",
               "≤ 500 ms on PostgreSQL", size)
    median, p95 = timed(lambda: client.get(dashboard + "?refresh=1"), repeat=repeat, warmup=1)
    with CaptureQueriesContext(connection) as queries:
        client.get(dashboard + "?refresh=1")
    report.row(f"coverage dashboard page, recounted ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {len(queries)} queries",
               "≤ 200 ms on PostgreSQL, constant queries", size)

    drill = f"/admin/coverage/groups/{group.pk}/"
    median, p95 = timed(lambda: client.get(drill), repeat=repeat, warmup=1)
    with CaptureQueriesContext(connection) as queries:
        client.get(drill)
    report.row(f"drill-down: a group's organisations ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {len(queries)} queries",
               "≤ 100 ms on PostgreSQL, constant queries", size)

    organisation = Organisation.objects.filter(learners__isnull=False).order_by("pk").first()
    people = f"/admin/coverage/organisations/{organisation.pk}/"
    median, p95 = timed(lambda: client.get(people), repeat=repeat, warmup=1)
    with CaptureQueriesContext(connection) as queries:
        client.get(people)
    report.row(f"drill-down: an organisation's people ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {len(queries)} queries",
               "constant queries", size)

    _campaign_rows(report, client, group, size, repeat)


def _campaign_rows(report, client, group, size, repeat):
    """A state-wide campaign for one group: its targets chosen from the not-reached
    organisations, half given to a trainer, then its figures and its page."""
    import datetime

    from django.utils import timezone

    from outreach.models import Campaign, CampaignTarget
    from outreach.services import campaigns
    from tests.conftest import make_user

    today = timezone.localdate()
    counties = sorted({(state, county) for state, county in
                       group.organisations.filter(state="CA").values_list("state", "county")})
    coordinator = make_user("bench-campaign-coordinator@example.org", group="Coordinators")
    trainer = make_user("bench-campaign-trainer@example.org", group="Trainers")
    campaign = Campaign.objects.create(
        name="Bench campaign", counties=[list(place) for place in counties],
        starts_on=today - datetime.timedelta(days=180),
        ends_on=today + datetime.timedelta(days=180),
        goal_kind=Campaign.Goal.ORGANISATIONS, goal=500, created_by=coordinator)
    campaign.groups.add(group)
    started = time.perf_counter()
    chosen = campaigns.choose_targets(campaign, by=coordinator, today=today)
    chose_in = (time.perf_counter() - started) * 1000
    report.row(f"campaign: choose the not-reached targets ({connection.vendor})",
               f"{chose_in:.0f} ms, {chosen:,} chosen", "",
               f"{len(counties)} counties, one group; {size}")
    # A campaign under way: every one of the group's organisations there is a target by now,
    # most of them trained since (the synthetic log reaches most organisations), half of them
    # given to a trainer.
    CampaignTarget.objects.bulk_create(
        [CampaignTarget(campaign=campaign, organisation_id=pk) for pk in
         group.organisations.filter(state="CA").exclude(campaign_targets__campaign=campaign)
         .values_list("pk", flat=True)])
    targets = campaign.targets.count()
    CampaignTarget.objects.filter(campaign=campaign, pk__in=campaign.targets.order_by("pk")
                                  .values("pk")[:targets // 2]).update(trainer=trainer)
    campaign_size = (f"{targets:,} targets ({len(counties)} counties, one group), half assigned "
                     f"to a trainer; {size}")

    def figures():
        campaigns.progress(campaign, today)
        campaigns.per_trainer(campaign.targets.all(), campaign, today)

    with CaptureQueriesContext(connection) as queries:
        figures()
    figure_queries = len(queries)
    median, p95 = timed(figures, repeat=repeat, warmup=1)
    report.row(f"campaign figures: progress and per trainer ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {figure_queries} queries",
               "≤ 100 ms on PostgreSQL, constant queries", campaign_size)

    page = f"/admin/campaigns/{campaign.pk}/"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    # Counted now: each request after this one empties the query log.
    page_queries = len(queries)
    median, p95 = timed(lambda: client.get(page), repeat=repeat, warmup=1)
    report.row(f"campaign page, coordinator ({connection.vendor})",
               f"{median:.0f} ms median, {p95:.0f} ms p95, {page_queries} queries",
               "≤ 200 ms on PostgreSQL, constant queries", campaign_size)
