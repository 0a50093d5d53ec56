"""A trainer changes a sentence of an English lesson and a reviewer publishes it; the trainer then
brings the Spanish lesson up to date in the translation editor, where only the changed sentence
waits for Spanish, and the reviewer publishes the Spanish lesson. Readers of each language then
read the new sentence in their own language, at the same address."""

import re

import pytest
from redflag.demo import translations as translation_demo
from redflag.demo.accounts import DEMO_PASSWORD, seed_accounts
from wagtail.models import Locale

from courses.models import LessonPage

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

TRAINER = "trainer@example.org"
REVIEWER = "reviewer@example.org"
# A list item of the hotel course's "Who is most at risk" (courses/demo_courses/2-hotel-staff.toml
# and its Spanish, 2-hotel-staff.es.toml).
LESSON = "who-is-at-risk"
ENGLISH = "People with disabilities who rely on others."
SPANISH = "Personas con discapacidades que dependen de otros."
NEW_ENGLISH = "People with disabilities who rely on others for care."
NEW_SPANISH = "Personas con discapacidades que dependen de otros para su cuidado."


def test_a_trainer_translates_a_changed_lesson_and_a_reviewer_publishes_it(
    page_at, shot, sign_in, demo_site
):
    seed_accounts()
    # The hotel course in Spanish, as seed_demo publishes it (this journey needs no quiz).
    translation_demo.seed_translations(demo_site)
    lesson = LessonPage.objects.get(slug=LESSON, locale=demo_site.locale)
    spanish = lesson.get_translation(Locale.objects.get(language_code="es"))
    # Each person signs in once, in a browser of their own: an authenticator code is taken once.
    trainer, reviewer = page_at("desktop"), page_at("desktop")

    # The trainer changes one sentence of the English lesson and submits it to reviewers.
    sign_in(trainer, TRAINER, DEMO_PASSWORD)
    trainer.goto(f"/admin/pages/{lesson.pk}/edit/")
    text = trainer.locator(".Draftail-Editor")
    text.get_by_text(ENGLISH, exact=True).click()
    trainer.keyboard.press("End")
    trainer.keyboard.press("ArrowLeft")  # before the full stop
    trainer.keyboard.type(" for care")
    expect(text.get_by_text(NEW_ENGLISH, exact=True)).to_be_visible()
    shot(trainer, "trainer-changes-a-sentence")
    trainer.get_by_role("button", name="More actions").click()
    trainer.get_by_role("button", name="Submit to reviewers").click()
    expect(trainer.get_by_text(re.compile("submitted for moderation"))).to_be_visible()
    shot(trainer, "submitted-to-reviewers")

    # The reviewer finds it waiting on the admin's home page and approves it: it is published.
    sign_in(reviewer, REVIEWER, DEMO_PASSWORD)
    reviewer.goto("/admin/")
    shot(reviewer, "reviewer-home")
    awaiting = reviewer.locator("section").filter(
        has=reviewer.get_by_role("heading", name="Awaiting your review"))
    expect(awaiting.get_by_role("link", name=lesson.title, exact=True)).to_be_visible()
    awaiting.get_by_role("link", name=f"Review {lesson.title}", exact=True).click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish").click()
    expect(reviewer.get_by_role("status")).to_contain_text(
        f"Page '{lesson.title}' has been updated.")
    lesson.refresh_from_db()
    assert NEW_ENGLISH in str(lesson.body) and not lesson.has_unpublished_changes
    shot(reviewer, "reviewer-approves-and-publishes")

    # The trainer brings the Spanish lesson up to date with the English one.
    trainer.goto(f"/admin/pages/{lesson.pk}/edit/")
    trainer.get_by_role("button", name="Actions", exact=True).click()
    trainer.get_by_role("link", name="Sync translated pages").click()
    # Publishing stays with reviewers: the sync page offers a trainer no "Publish immediately".
    expect(trainer.get_by_role("listitem").filter(has_text="Spanish")).to_contain_text(
        spanish.title)
    expect(trainer.get_by_label("Publish immediately")).to_have_count(0)
    shot(trainer, "sync-translated-pages")
    trainer.get_by_role("button", name="Submit").click()
    expect(trainer.get_by_role("status")).to_contain_text("Successfully updated translations")
    shot(trainer, "synced")
    # The Spanish lesson's edit view is wagtail-localize's translation editor: every sentence
    # translated before is kept, and only the changed one waits for Spanish. (The sync page links
    # the Spanish lesson in a new tab; the trainer opens it here.)
    trainer.goto(f"/admin/pages/{spanish.pk}/edit/")
    editor = trainer.locator(".js-translation-editor")
    waiting = editor.locator("li.incomplete")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(NEW_ENGLISH)
    shot(trainer, "translation-editor")
    waiting.get_by_role("button", name="Translate").click()
    waiting.get_by_role("textbox").fill(NEW_SPANISH)
    shot(trainer, "translating")
    waiting.get_by_role("button", name="Save").click()
    expect(editor.locator("li.incomplete")).to_have_count(0)
    sentence = editor.locator("li.complete").filter(has_text=NEW_ENGLISH)
    expect(sentence).to_contain_text(NEW_SPANISH)
    # Trainers do not publish, here either: the Spanish is kept with the translation (each
    # sentence saved as it is typed) and reaches readers when a reviewer publishes it.
    expect(trainer.get_by_role("button", name="Publish in Spanish")).to_have_count(0)
    shot(trainer, "translated")
    spanish.refresh_from_db()
    assert NEW_SPANISH not in str(spanish.body)

    # The reviewer opens the Spanish lesson and publishes it.
    reviewer.goto(f"/admin/pages/{spanish.pk}/edit/")
    sentence = reviewer.locator(".js-translation-editor li.complete").filter(has_text=NEW_ENGLISH)
    expect(sentence).to_contain_text(NEW_SPANISH)
    reviewer.get_by_role("button", name="Publish in Spanish").click()
    expect(reviewer.get_by_role("status")).to_contain_text(
        f"Published '{spanish.title}' in Spanish.")
    shot(reviewer, "published-in-spanish")
    spanish.refresh_from_db()
    assert NEW_SPANISH in str(spanish.body) and not spanish.has_unpublished_changes

    # Readers of each language find the new sentence at the same address, on a phone or not.
    for width in ("phone", "desktop"):
        reader = page_at(width)
        reader.goto(lesson.url)
        body = reader.locator("article.lesson-body")
        expect(body).to_contain_text(NEW_ENGLISH)
        expect(body).not_to_contain_text(ENGLISH)
        shot(reader, "english-reader")
        reader.get_by_label("Language").select_option("es")
        reader.get_by_role("button", name="Change").click()
        expect(reader.locator("html")).to_have_attribute("lang", "es")
        expect(reader.get_by_role("heading", level=1)).to_have_text(spanish.title)
        expect(body).to_contain_text(NEW_SPANISH)
        expect(body).not_to_contain_text(SPANISH)
        assert reader.url.endswith(lesson.url)
        shot(reader, "spanish-reader")
