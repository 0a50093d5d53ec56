"""Certificates: warm render time against a bare document, PDF size, memory over 1,000 renders,
a 1,000-certificate ZIP."""

import datetime
import gc
import os
import shutil
import tempfile
import time

from tests.bench import paired, timed


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


BARE_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head>'
    "<body><h1>Certificate of completion</h1><p>This certifies that José Ñúñez has completed"
    " the training.</p></body></html>"
)


def plain_document():
    """The yardstick the certificate's target is set against: WeasyPrint's plain use,
    `HTML(string=...).write_pdf()`, of a one-page heading and paragraph (its own fonts and
    defaults, everything set up on the call)."""
    from weasyprint import HTML

    return lambda: HTML(string=BARE_PAGE).write_pdf()


def warm_bare_document():
    """WeasyPrint's least for one tagged page in the certificate's font, with the font
    configuration and stylesheet ready as the renderer keeps them: what any render costs."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from certificates.fetcher import StaticOnlyURLFetcher
    from certificates.pdf import PDF_VARIANT, static_base_url

    fonts, base = FontConfiguration(), static_base_url()
    stylesheet = CSS(
        string='@font-face { font-family: "Cert Sans"; src: url("fonts/NotoSans-Regular.ttf"); }'
        ' @page { size: letter landscape; } html { font-family: "Cert Sans"; }',
        base_url=base, url_fetcher=StaticOnlyURLFetcher(), font_config=fonts,
    )

    def render():
        return HTML(string=BARE_PAGE, base_url=base, url_fetcher=StaticOnlyURLFetcher()).write_pdf(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)

    return render


def run(report):
    from django.conf import settings

    files = tempfile.mkdtemp(prefix="bench-certificates-")
    settings.CERTIFICATE_FILES_ROOT = files  # PDFs and the ZIP go to a throw-away folder
    try:
        _run(report)
    finally:
        shutil.rmtree(files, ignore_errors=True)


def _run(report):
    from django.utils import timezone
    from weasyprint.text.ffi import harfbuzz_subset

    from certificates import codes
    from certificates.models import BulkDownload, Certificate
    from certificates.pdf import Branding, render_pdf
    from certificates.services import bulk_downloads
    from courses.demo import seed_site
    from courses.models import CourseIndexPage, StakeholderGroup
    from tests.conftest import make_course, make_user

    subsetter = (
        "HarfBuzz" if harfbuzz_subset is not None else "fontTools (install libharfbuzz-subset0)"
    )
    home = seed_site()
    branding = Branding.current()
    today = timezone.localdate()

    def sample(name):
        return Certificate(
            learner_name=name,
            course_title="Recognising trafficking: hotel and lodging staff",
            group_name="Hotel and lodging staff",
            issued_on=today,
            expires_on=today + datetime.timedelta(days=730),
            code=codes.new_code(),
            score_percent=90,
        )

    for label, name in (("Latin name", "José Ñúñez"), ("CJK name", "王小明")):
        certificate = sample(name)
        median, p95 = timed(
            lambda c=certificate: render_pdf(c, branding=branding), repeat=60, warmup=5
        )
        report.row(
            f"certificate PDF render, {label}",
            f"{median:.1f} ms median, {p95:.1f} ms p95",
            "≤ 30 ms median",
            f"1 landscape page, warm, subsetting with {subsetter}",
        )
        size = len(render_pdf(certificate, branding=branding))
        report.row(
            f"certificate PDF size, {label}",
            f"{size / 1024:.1f} KB",
            "≤ 100 KB",
            "fonts subset and embedded, tagged PDF/UA-1",
        )

    certificate = sample("José Ñúñez")
    renderer_ms, plain_ms, bare_ms = paired(
        lambda: render_pdf(certificate, branding=branding), plain_document(),
        warm_bare_document(), repeat=60, warmup=5)
    report.row(
        "certificate PDF against a plain one-page document",
        f"{renderer_ms / plain_ms:.2f}× ({renderer_ms:.1f} ms against {plain_ms:.1f} ms)",
        "≤ 1.3×",
        "plain: HTML(string=…).write_pdf() of a heading and a paragraph; renders interleaved",
    )
    report.row(
        "certificate PDF against a warm bare document",
        f"{renderer_ms / bare_ms:.2f}× ({renderer_ms:.1f} ms against {bare_ms:.1f} ms)",
        "",
        "warm bare: the same page in the certificate's font, set up once, same PDF variant",
    )

    certificate = sample("Nguyễn Thị Hương")
    # The allocator and Pango's caches grow over the first few hundred renders, then stop.
    for _ in range(300):
        render_pdf(certificate, branding=branding)
    gc.collect()
    before = rss_mb()
    for _ in range(1000):
        render_pdf(certificate, branding=branding)
    gc.collect()
    after = rss_mb()
    report.row(
        "memory over 1,000 renders",
        f"{before:.0f} → {after:.0f} MB RSS ({after - before:+.1f} MB)",
        "flat",
        "same process, after 300 warm-up renders",
    )

    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="bench-certificates"))
    group = StakeholderGroup.objects.get(slug="hotel-lodging")
    course = make_course(index, group, slug="bench-certificate-course", lessons=1)
    coordinator = make_user("bench-coordinator@example.org", group="Coordinators")
    learners = [make_user(f"bench-learner-{n}@example.org", profile_group=group) for n in range(20)]
    passed_at = timezone.now() - datetime.timedelta(days=5)
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                user=learners[n % len(learners)],
                course=course,
                learner_name=f"Learner Number {n}",
                course_title=course.title,
                group=group,
                group_name=group.name,
                job_role="Housekeeper",
                organisation_name="Harbor View Hotel",
                score_percent=90,
                passed_at=passed_at,
                issued_on=today,
                expires_on=today + datetime.timedelta(days=730),
                code=codes.new_code(),
            )
            for n in range(1000)
        ]
    )
    bulk = BulkDownload.objects.create(
        requested_by=coordinator,
        total=len(certificates),
        certificate_ids=[c.pk for c in certificates],
    )
    start = time.perf_counter()
    bulk = bulk_downloads.build_bulk_zip(bulk.pk)
    seconds = time.perf_counter() - start
    size = bulk.file.size / 1024 / 1024 if bulk.file else 0
    report.row(
        "bulk ZIP of 1,000 certificates + roster",
        f"{seconds:.1f} s ({size:.1f} MB, {bulk.status})",
        "≤ 60 s, on every core",
        f"1,000 PDFs rendered (none cached) on {os.cpu_count()} cores, roster.csv",
    )
