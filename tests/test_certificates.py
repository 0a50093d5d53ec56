"""Certificates: issuing on a pass, the PDF, safe rendering and the verification code."""

import datetime
import io
import re
import shutil
import socket
import subprocess
from types import SimpleNamespace

import pytest
from django.core.checks import run_checks
from django.utils import timezone
from pypdf import PdfReader
from redflag.lib.dates import add_months
from wagtail.models import ModelLogEntry

from certificates import codes
from certificates.fetcher import FetchRefused, StaticOnlyURLFetcher
from certificates.models import Certificate, Status
from certificates.pdf import Branding, render_pdf
from certificates.services import issuing, rendering

from .conftest import make_jurisdiction

PASSED_AT = timezone.make_aware(datetime.datetime(2026, 3, 12, 15, 30))
BRANDING = Branding(task_force_name="Bay Area Task Force")


def issue(user, course, *, passed_at=PASSED_AT, score=90, attempt=None):
    return issuing.issue_certificate(
        user=user, course=course, score_percent=score, passed_at=passed_at, attempt=attempt
    )


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def unsaved(**fields):
    values = dict(
        learner_name="José Ñúñez",
        course_title="Red flags for hotel staff",
        group_name="Hotel and lodging",
        issued_on=datetime.date(2026, 3, 12),
        expires_on=datetime.date(2028, 3, 12),
        code=codes.new_code(),
        score_percent=90,
    )
    values.update(fields)
    return Certificate(**values)


# Verification codes ----------------------------------------------------------------------------


def test_a_code_is_16_crockford_characters_carrying_80_random_bits():
    code = codes.new_code()
    assert len(code) == 16 and set(code) <= set(codes.ALPHABET)
    assert len(codes.ALPHABET) == 32  # 5 bits a character, 80 bits a code
    assert not set("ILOU") & set(codes.ALPHABET)
    assert len({codes.new_code() for _ in range(2000)}) == 2000
    assert codes.display(code).count("-") == 3


def test_a_typed_code_ignores_case_spaces_and_dashes_and_reads_i_l_as_1_and_o_as_0():
    assert codes.normalise("abcd-efgh-jkmn-pqrs") == "ABCDEFGHJKMNPQRS"
    assert codes.normalise(" 1o1l 0IL1 abcd efgh ") == "1011011" + "1ABCDEFGH"
    assert codes.normalise("ABCD-EFGH-JKMN-PQR") is None  # too short
    assert codes.normalise("ABCD-EFGH-JKMN-PQRU") is None  # U is never used
    assert codes.normalise("") is None


# Issuing ----------------------------------------------------------------------------------------


def test_issuing_copies_who_the_learner_was_at_the_pass_and_later_edits_do_not_rewrite_it(
    learner, course, hotel_group
):
    certificate = issue(learner, course)
    hotel_group.name = "Renamed group"
    hotel_group.save()
    profile = learner.learner_profile
    profile.certificate_name = "Someone Else"
    profile.employer = "Another Hotel"
    profile.state = "NY"
    profile.save()
    course.title = "Renamed course"
    course.save_revision().publish()

    certificate.refresh_from_db()
    assert certificate.learner_name == "Learner"
    assert certificate.course_title == "Course hotel"
    assert certificate.group_name == "Hotel and lodging staff"
    assert certificate.organisation_name == "Harbor View Hotel"
    assert (certificate.state, certificate.county, certificate.job_role) == (
        "CA",
        "Alameda",
        "Housekeeper",
    )
    assert certificate.score_percent == 90
    assert certificate.issued_on == datetime.date(2026, 3, 12)


def test_a_certificate_expires_after_the_validity_of_the_course_jurisdiction(learner, course):
    assert course.jurisdiction.name == "California"
    assert issue(learner, course).expires_on == datetime.date(2028, 3, 12)  # 24 months
    course.jurisdiction = make_jurisdiction("minnesota")
    course.save()
    end_of_january = timezone.make_aware(datetime.datetime(2027, 1, 31, 12))
    assert issue(learner, course, passed_at=end_of_january).expires_on == datetime.date(2028, 1, 31)
    assert add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)


def test_a_jurisdiction_changed_after_a_pass_keeps_the_expiry_already_issued(learner, course):
    certificate = issue(learner, course)
    jurisdiction = course.jurisdiction
    jurisdiction.validity_months = 12
    jurisdiction.save()
    certificate.refresh_from_db()
    assert certificate.expires_on == datetime.date(2028, 3, 12)
    later = issue(learner, course, passed_at=PASSED_AT + datetime.timedelta(days=1))
    assert later.expires_on == datetime.date(2027, 3, 13)


def test_the_same_pass_issues_exactly_one_certificate(learner, course):
    attempt = SimpleNamespace(pk=4242)
    first = issue(learner, course, attempt=attempt)
    second = issue(learner, course, attempt=attempt)
    assert first.pk == second.pk
    assert Certificate.objects.filter(quiz_attempt_id=4242).count() == 1


def test_passing_again_gives_a_new_certificate_with_a_later_expiry_and_the_old_stays_valid(
    learner, course
):
    old = issue(learner, course)
    new = issue(learner, course, passed_at=PASSED_AT + datetime.timedelta(days=600))
    assert new.code != old.code
    assert new.expires_on > old.expires_on
    assert list(Certificate.objects.current()) == [new]
    assert list(Certificate.objects.superseded()) == [old]
    assert old.status_on(datetime.date(2027, 6, 1)) == Status.VALID


def test_issuing_is_recorded_in_the_audit_log(learner, course):
    certificate = issue(learner, course)
    entry = ModelLogEntry.objects.get(object_id=str(certificate.pk), action="certificate.issued")
    assert entry.user_id == learner.pk


def test_a_learner_without_a_profile_still_gets_a_certificate_in_their_account_name(course, db):
    from tests.conftest import make_user

    user = make_user("noprofile@example.org", first_name="Ana", last_name="Silva")
    certificate = issue(user, course)
    assert certificate.learner_name == "Ana Silva"
    assert certificate.group == course.audience.get()  # the group the course is for


def test_a_certificate_names_the_group_of_the_course_taken(learner, course, course_index,
                                                           hotel_group):
    from courses.models import StakeholderGroup
    from tests.conftest import make_course

    utility = StakeholderGroup.objects.get(slug="utility-workers")
    utility_course = make_course(course_index, utility, slug="utility")
    # A hotel housekeeper who takes the utility course holds a utility certificate...
    certificate = issue(learner, utility_course)
    assert (certificate.group, certificate.group_name) == (utility, utility.name)
    # ...and her own group's course still certifies her own group.
    assert issue(learner, course).group == hotel_group
    # A course written for several groups keeps the learner's own when it is one of them.
    utility_course.audience = [utility, hotel_group]
    utility_course.save_revision().publish()
    assert issue(learner, utility_course).group == hotel_group


def test_a_render_failure_keeps_the_certificate_and_a_later_run_renders_it(
    learner, course, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("certificates.pdf.render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(learner, course)
    certificate.refresh_from_db()
    assert not certificate.pdf
    assert certificate.render_failures == 1

    monkeypatch.undo()
    assert rendering.render_missing() == (1, 0)
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.render_failures == 0
    assert "Learner" in pdf_text(certificate.pdf.read())


def test_the_pdf_is_rendered_after_commit_and_rebuilt_when_the_file_is_gone(
    learner, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(learner, course)
    certificate.refresh_from_db()
    assert certificate.pdf.name.endswith(f"{certificate.code}.pdf")
    certificate.pdf.storage.delete(certificate.pdf.name)
    data = rendering.pdf_bytes(certificate)
    assert data.startswith(b"%PDF") and certificate.pdf.storage.exists(certificate.pdf.name)


# The PDF ----------------------------------------------------------------------------------------


def test_the_pdf_is_one_landscape_letter_page_with_name_course_group_dates_and_code(db):
    certificate = unsaved()
    data = render_pdf(certificate, branding=BRANDING)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    text = pdf_text(data)
    for expected in (
        "José Ñúñez",
        "Red flags for hotel staff",
        "Hotel and lodging",
        "Bay Area Task Force",
        "March 12, 2026",
        "March 12, 2028",
        certificate.display_code,
        "Signature",
    ):
        assert expected in text
    assert len(data) <= 100_000


def test_the_pdf_names_the_signer_and_their_title_from_the_task_force_settings(db):
    from dataclasses import replace

    branding = replace(BRANDING, signer_name="Dana Whitfield", signer_title="Coordinator")
    text = pdf_text(render_pdf(unsaved(), branding=branding))
    assert "Dana Whitfield, Coordinator" in text and "Bay Area Task Force" in text
    assert "Signature" not in text  # the name replaces the generic label
    assert len(PdfReader(io.BytesIO(render_pdf(unsaved(), branding=branding))).pages) == 1


def test_the_branding_reads_the_signer_from_the_settings(db):
    from redflag.home.models import TaskForceSettings
    from wagtail.models import Site

    from courses.demo import seed_site

    seed_site()
    settings_row = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.signer_name, settings_row.signer_title = "Ana <b>Ruiz</b>", "Chair"
    settings_row.save()
    branding = Branding.current()
    assert (branding.signer_name, branding.signer_title) == ("Ana <b>Ruiz</b>", "Chair")
    assert "Ana <b>Ruiz</b>, Chair" in pdf_text(render_pdf(unsaved(), branding=branding))


@pytest.mark.parametrize("base_url", [
    "https://training.example.org",
    "https://redflag-training.bay-area-human-trafficking-task-force.example.org",
])
def test_the_printed_address_wraps_between_its_parts_never_inside_the_code(db, settings, base_url):
    settings.WAGTAILADMIN_BASE_URL = base_url
    certificate = unsaved()
    lines = pdf_text(render_pdf(certificate, branding=BRANDING)).splitlines()
    # The code a reader types stays whole on one line (the address may wrap before it).
    address = [line for line in lines if certificate.display_code + "/" in line]
    assert len(address) == 1
    assert "".join(lines).count(f"verify/{certificate.display_code}/") == 1


def test_the_page_size_can_be_a4(db, settings):
    settings.CERTIFICATE_PAGE_SIZE = "a4"
    box = PdfReader(io.BytesIO(render_pdf(unsaved(), branding=BRANDING))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_the_pdf_is_tagged_for_accessibility_with_the_learner_name_as_title(db):
    reader = PdfReader(
        io.BytesIO(render_pdf(unsaved(learner_name="Nguyễn Thị Hương"), branding=BRANDING))
    )
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Nguyễn Thị Hương"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"


def test_the_pdf_keeps_its_heading_as_a_bookmark_and_its_labels_as_text(db):
    # Certificates use a short user-agent stylesheet of their own: what WeasyPrint's gave the
    # certificate (the heading's bookmark, blocks, bold) is still there.
    data = render_pdf(unsaved(), branding=BRANDING)
    assert [entry.title for entry in PdfReader(io.BytesIO(data)).outline] == [
        "Certificate of completion"
    ]
    lines = [line.strip() for line in pdf_text(data).splitlines()]
    for line in ("ISSUED", "March 12, 2026", "VALID UNTIL", "March 12, 2028", "Verification code"):
        assert line in lines, line


def test_every_element_of_the_certificate_has_its_default_style_in_its_user_agent_sheet(db):
    """An element added to certificate.html without its line in user_agent.css would lose what
    WeasyPrint's stylesheet for HTML gives it (a paragraph would run inline into the next)."""
    from html.parser import HTMLParser

    from django.template.loader import render_to_string

    from certificates.pdf import render_html

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)

    branding = Branding(task_force_name="Bay Area Task Force", signer_name="Ana Ruiz",
                        signer_title="Chair", logo_data_uri="data:image/png;base64,")
    parser = Tags()
    parser.feed(render_html(unsaved(), branding))
    sheet = render_to_string("certificates/pdf/user_agent.css")
    selectors = " ".join(rule.split("{")[0] for rule in sheet.split("*/", 1)[1].split("}"))
    named = set(re.findall(r"(?<![\w:.#-])[a-z][a-z0-9]*", selectors))
    inline = {"span"}  # inline is every element's initial display: nothing to add
    assert parser.tags - inline <= named, parser.tags - inline - named


@pytest.mark.parametrize(
    "name", ["José Ñúñez", "Nguyễn Thị Hương", "محمد", "王小明", "김민준", "Σοφία"]
)
def test_a_name_in_any_script_renders_with_the_shipped_fonts(db, name):
    data = render_pdf(unsaved(learner_name=name), branding=BRANDING)
    text = pdf_text(data)
    assert name in text or name[::-1] in text  # pypdf may give right-to-left text in visual order
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the @font-face families of certificate.css, loaded from static/fonts/: no system font.
    assert fonts and all("+Cert-" in font for font in fonts), fonts
    assert len(data) <= 100_000


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)",
)
def test_the_qr_code_opens_the_public_verification_page(db, tmp_path, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://training.example.org"
    certificate = unsaved()
    (tmp_path / "c.pdf").write_bytes(render_pdf(certificate, branding=BRANDING))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", tmp_path / "c.pdf", tmp_path / "page"],
        check=True,
    )
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", tmp_path / "page.png"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert (
        scanned == f"https://training.example.org/certificates/verify/{certificate.display_code}/"
    )


# Safe rendering --------------------------------------------------------------------------------

HOSTILE_NAME = (
    '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://169.254.169.254/latest/">'
    "<style>@import url(http://169.254.169.254/x.css); body { display: none }</style>"
)


def test_hostile_fields_print_as_text_and_fetch_nothing_outside_static(db, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a certificate render opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    certificate = unsaved(
        learner_name=HOSTILE_NAME,
        course_title='</p><p style="background: url(file:///etc/shadow)">Course',
        group_name="} * { background: url(http://169.254.169.254/) } {",
    )
    branding = Branding(task_force_name='<script>fetch("http://169.254.169.254/")</script>')
    fetcher = StaticOnlyURLFetcher()
    data = render_pdf(certificate, branding=branding, fetcher=fetcher)

    text = pdf_text(data).replace("\n", "")
    assert '<img src="file:///etc/passwd">' in text
    assert "http://169.254.169.254/latest/" in text
    assert '</p><p style="background: url(file:///etc/shadow)">Course' in text
    assert "} * { background: url(http://169.254.169.254/) } {" in text
    assert '<script>fetch("http://169.254.169.254/")</script>' in text
    # The only resource asked for is the QR code, as a data: URI: no file, no network.
    assert fetcher.requested and all(url.startswith("data:image/png") for url in fetcher.requested)


def test_ten_kilobyte_fields_stay_on_one_page_with_the_dates_and_code_intact(db):
    certificate = unsaved(
        learner_name="N" * 10_000, course_title="C" * 10_000, group_name="G" * 10_000
    )
    branding = Branding(task_force_name="T" * 10_000)
    fetcher = StaticOnlyURLFetcher()
    data = render_pdf(certificate, branding=branding, fetcher=fetcher)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = pdf_text(data)
    for start in ("NNNNNNNNNN", "CCCCCCCCCC", "GGGGGGGGGG", "TTTTTTTTTT"):
        assert start in text
    for fixed in ("March 12, 2026", "March 12, 2028", certificate.display_code):
        assert fixed in text
    assert reader.metadata.title == "N" * 10_000  # the whole name is in the document, as text
    assert all(url.startswith("data:image/png") for url in fetcher.requested)


def test_the_fetcher_serves_static_files_and_data_uris_only(settings):
    fetcher = StaticOnlyURLFetcher()
    font = fetcher.fetch(f"{settings.WAGTAILADMIN_BASE_URL}/static/fonts/NotoSans-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    for url in (
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/site/settings.py",
        f"{settings.WAGTAILADMIN_BASE_URL}/static/../site/settings.py",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/redirect-to?url=file:///etc/passwd",
        "ftp://example.org/x",
    ):
        with pytest.raises((FetchRefused, Exception)) as refused:
            fetcher.fetch(url)
        assert not isinstance(refused.value, AssertionError)
    assert len(fetcher.requested) == 8


def test_the_fetcher_refuses_a_symlink_that_leaves_the_static_folder(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "passwd").symlink_to("/etc/passwd")
    fetcher = StaticOnlyURLFetcher(roots=[static.resolve()])
    with pytest.raises(FetchRefused):
        fetcher.fetch((static / "passwd").as_uri())


def test_a_system_check_warns_when_weasyprint_would_subset_fonts_with_fonttools(monkeypatch):
    import weasyprint.text.ffi as ffi

    assert not [m for m in run_checks() if m.id == "certificates.W001"]
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert [m for m in run_checks() if m.id == "certificates.W001"]


def test_the_render_certificates_command_renders_what_is_missing(learner, course, capsys):
    from django.core.management import call_command

    certificate = issue(learner, course)  # no commit in this test, so no render yet
    assert not certificate.pdf
    call_command("render_certificates")
    assert "Rendered 1 certificate PDFs; 0 failed." in capsys.readouterr().out
    certificate.refresh_from_db()
    assert certificate.pdf


# The worker commits as it goes, as in production, so this test does too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_render_interrupted_by_a_stopped_worker_is_done_once_when_the_worker_starts_again(
    learner, course, settings, capsys
):
    """The worker killed mid-render leaves its task marked running, which django-tasks' worker
    never takes again: recover_tasks (run before every worker start) puts it back, and queues a
    render for every certificate still without a PDF. The two renders queued for one certificate
    leave it one file."""
    from django.core.management import call_command
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    certificate = issue(learner, course)
    # (Wagtail queues its reference index update on the same queue.)
    task = DBTaskResult.objects.get(task_path="certificates.tasks.render_certificate_pdf")
    assert task.status == TaskResultStatus.READY
    task.claim("the-worker-that-was-killed")  # then nothing: the process is gone
    DBTaskResult.objects.exclude(pk=task.pk).delete()

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    certificate.refresh_from_db()
    assert not certificate.pdf  # a running task is left alone

    call_command("recover_tasks")
    assert "Requeued 1 interrupted tasks; queued 1 PDF renders." in capsys.readouterr().out
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    certificate.refresh_from_db()
    assert certificate.pdf.name.endswith(f"{certificate.code}.pdf")
    assert [path.name for path in settings.CERTIFICATE_FILES_ROOT.rglob("*.pdf")] == [
        certificate.pdf.name.rsplit("/", 1)[-1]]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL}


def test_a_render_stopped_before_saving_its_record_leaves_one_file_not_two(learner, course):
    """The worker killed after writing the PDF but before saving the record: the render that
    follows replaces that file instead of writing a second one beside it."""
    certificate = issue(learner, course)  # no commit in this test, so no render yet
    field = certificate.pdf.field
    stray = field.generate_filename(certificate, rendering.pdf_filename(certificate))
    field.storage.save(stray, io.BytesIO(b"%PDF- written by a worker that was then killed"))

    assert rendering.render_or_retry(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf.name == stray
    files = list(field.storage.listdir(stray.rsplit("/", 1)[0])[1])
    assert files == [stray.rsplit("/", 1)[1]]
    assert "Learner" in pdf_text(certificate.pdf.read())
