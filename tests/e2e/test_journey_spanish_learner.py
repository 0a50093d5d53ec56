"""A hotel worker who reads Spanish signs up choosing Spanish, and from then on reads Redflag in
Spanish: their home, the catalogue (the hotel course translated, the others marked as coming
soon in Spanish), the lessons and the quiz, the result, and a Spanish certificate that anyone can
check.

The Spanish words are the project's own: the hotel course's from
courses/demo_courses/2-hotel-staff.es.toml, the pages' from locale/es/LC_MESSAGES/django.po."""

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format
from redflag.demo import translations as translation_demo

from certificates.models import Certificate
from certificates.services import rendering
from courses.demo_data import DEMO_COURSES_DIR, load_course, load_courses
from courses.locales import in_default_locale
from courses.models import CoursePage, StakeholderGroup
from quizzes.demo import seed_quizzes
from quizzes.models import Attempt

from .journeys import answer_demo_quiz

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

COURSE = "hotel-staff"
GROUP = "hotel-lodging"
SPANISH = load_course(DEMO_COURSES_DIR / "2-hotel-staff.es.toml")
TITLE = SPANISH["title"]
LESSONS = SPANISH["lessons"]


@pytest.fixture
def spanish_hotel_course(demo_site):
    """The demo courses with their quizzes, and the hotel course in Spanish, as seed_demo
    publishes them: the translation comes after the quizzes, so the quiz is translated too."""
    seed_quizzes(list(in_default_locale(CoursePage.objects.live()).order_by("path")))
    translation_demo.seed_translations(demo_site)
    return CoursePage.objects.get(slug=COURSE, locale__language_code="es")


def squashed(text):
    return " ".join(text.split())


def plain(html):
    return squashed(unescape(re.sub(r"<[^>]+>", "", html)))


def first_paragraph(lesson):
    """The first paragraph of the lesson's first text block, as a reader reads it."""
    html = next(value for kind, value in lesson["body"] if kind == "text")
    return plain(re.search(r"<p>(.*?)</p>", html, re.S).group(1))


def pdf_text(path):
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, check=True)
    return squashed(result.stdout.decode("utf-8"))


def in_spanish(value):
    with translation.override("es"):
        return date_format(value, "DATE_FORMAT")


def test_a_hotel_worker_who_reads_spanish_signs_up_learns_passes_and_gets_a_spanish_certificate(
    width, page_at, shot, signup_and_verify, spanish_hotel_course
):
    name = f"María José Pérez {width.title()}"
    email = f"maria.es.{width}@example.org"
    group = StakeholderGroup.objects.get(slug=GROUP)
    others = [course["title"] for course in load_courses() if course["slug"] != COURSE]
    page = page_at(width)

    user = signup_and_verify(page, email=email,
                             profile={"group": GROUP, "certificate_name": name, "language": "es"})

    # Their home, in Spanish from the first page after the workplace step.
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Le damos la bienvenida, {name}")
    expect(page.get_by_role("status")).to_have_text("Su perfil se guardó.")
    expect(page.get_by_role("heading", name=f"Su curso para {group.name_in('es')}")).to_be_visible()
    card = page.locator(".course-card")
    expect(card.get_by_role("heading", level=3)).to_have_text(TITLE)
    expect(card).to_contain_text("Sin comenzar")
    expect(card).to_contain_text(f"Aproximadamente {SPANISH['minutes']} minutos · "
                                 f"{len(LESSONS)} lecciones")
    expect(card.get_by_role("link", name=f"Comenzar · {TITLE}")).to_be_visible()
    expect(page.get_by_role("heading", name="Sus certificados")).to_be_visible()
    shot(page, "home-in-spanish")

    # The catalogue: the hotel course in Spanish, the others in English, marked as such.
    main_nav = page.get_by_role("navigation", name="Principal")
    main_nav.get_by_role("link", name="Cursos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cursos")
    cards = page.locator(".card-grid > li")
    expect(cards).to_have_count(1 + len(others))
    hotel = cards.filter(has=page.get_by_role("heading", name=TITLE, exact=True))
    expect(hotel).to_contain_text("Su lugar de trabajo")
    expect(hotel).not_to_contain_text("Próximamente en español")
    for title in others:
        other = cards.filter(has=page.get_by_role("heading", name=title, exact=True))
        expect(other.get_by_role("heading")).to_have_attribute("lang", "en")
        expect(other.locator(".badge-coming")).to_have_text("Próximamente en español")
    expect(page.locator(".badge-coming")).to_have_count(len(others))
    shot(page, "catalogue-in-spanish")

    hotel.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", level=1)).not_to_have_attribute("lang", "en")
    expect(page.locator(".lead")).to_have_text(squashed(SPANISH["summary"]))
    lesson_list = page.locator("ol.lesson-list > li > a")
    expect(lesson_list).to_have_text([lesson["title"] for lesson in LESSONS])
    expect(page.get_by_role("link", name="Comenzar el curso")).to_be_visible()
    shot(page, "course-in-spanish")

    # Back home, the course starts where the card says.
    main_nav.get_by_role("link", name="Inicio").click()
    page.locator(".course-card").get_by_role("link", name=f"Comenzar · {TITLE}").click()
    for number, lesson in enumerate(LESSONS, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson["title"])
        expect(page.get_by_text(f"Lección {number} de {len(LESSONS)}")).to_be_visible()
        expect(page.locator(".lead")).to_have_text(squashed(lesson["summary"]))
        expect(page.locator("article.lesson-body")).to_contain_text(first_paragraph(lesson))
        expect(page.locator("article.lesson-body")).not_to_have_attribute("lang", "en")
        if number == 1:
            shot(page, "first-lesson")
        if number < len(LESSONS):
            pager = page.get_by_role("navigation", name="Lecciones")
            pager.get_by_role("link", name=LESSONS[number]["title"]).click()
    shot(page, "last-lesson")
    page.get_by_role("link", name="Tomar el cuestionario").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Cuestionario: {TITLE}")
    expect(page.get_by_text("Le quedan 3 intentos en este período.")).to_be_visible()
    shot(page, "quiz-ready")
    page.get_by_role("button", name="Comenzar el cuestionario").click()

    # Every question is one of the Spanish file's, found by its Spanish wording.
    expect(page.get_by_text("8 preguntas · nota para aprobar 80%")).to_be_visible()
    expect(page.get_by_role("group")).to_have_count(8)
    shot(page, "attempt-in-spanish")
    answer_demo_quiz(page, COURSE, correctly=True, submit=False, language="es")
    page.get_by_role("button", name="Enviar respuestas").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aprobó")
    expect(page.get_by_text("Respondió correctamente 8 de 8 preguntas: 100%.")).to_be_visible()
    passed = page.locator(".quiz-passed")
    expect(passed.get_by_role("heading")).to_have_text("Curso completado")
    expect(passed).to_contain_text(f"Completó “{TITLE}”.")
    shot(page, "passed")
    attempt = Attempt.objects.get(user=user)
    assert (attempt.score_percent, attempt.passed) == (100, True)
    # The pass counts for the course itself: the certificate names the English source page.
    certificate = Certificate.objects.get(user=user)
    source = CoursePage.objects.get(slug=COURSE, locale__language_code="en")
    assert (certificate.course_id, certificate.language) == (source.pk, "es")
    assert (certificate.learner_name, certificate.course_title) == (name, TITLE)

    page.get_by_role("link", name="Ver su certificado").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi capacitación")
    training = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=TITLE, exact=True))
    expect(training).to_contain_text("Vigente")
    valid_until = training.locator("dt", has_text="Válido hasta").locator(
        "xpath=following-sibling::dd[1]")
    expect(valid_until).to_contain_text(in_spanish(certificate.expires_on))
    expect(training).to_contain_text(certificate.display_code)
    shot(page, "my-training")
    with page.expect_download() as download_info:
        training.get_by_role("link", name=re.compile("^Descargar PDF")).click()
    download = download_info.value
    assert download.suggested_filename == rendering.pdf_filename(certificate)
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    text = pdf_text(download.path())
    for words in ["Certificado de finalización", "Se certifica que", name,
                  "completó la capacitación", TITLE, f"Grupo de interés: {group.name_in('es')}",
                  certificate.display_code, "Código de verificación"]:
        assert words in text, f"{words!r} is not in the certificate: {text}"
    # The dates' labels are printed in capitals (the certificate's stylesheet).
    dates = {"Emitido": certificate.issued_on, "Válido hasta": certificate.expires_on}
    for label, day in dates.items():
        assert f"{label.upper()} {in_spanish(day)}" in text, f"{label} is not in: {text}"

    # Anyone with the code can check it; this reader sees the check in Spanish.
    page.goto(certificate.get_verify_path())
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificación de certificados")
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("Válido")
    expect(verdict).to_contain_text("Este certificado es auténtico y está vigente hasta el "
                                    f"{in_spanish(certificate.expires_on)}.")
    facts = page.locator("dl.verify-facts")
    expect(facts).to_contain_text(name)
    expect(facts).to_contain_text(TITLE)
    expect(facts).to_contain_text(certificate.display_code)
    shot(page, "verified-valid")
