"""A learner on a break: answers part of the quiz, loses the signal, reloads, finds every choice
still ticked, finishes and passes. And a learner who uses only the keyboard takes the whole quiz:
Tab, Space, the arrow keys and Enter, no mouse."""

import re

import pytest

from courses.models import CoursePage, StakeholderGroup
from quizzes.demo import seed_quizzes
from quizzes.models import Attempt, QuizPage
from quizzes.testing import open_all_lessons
from tests.conftest import PASSWORD, make_user

from .journeys import answer_demo_quiz, demo_questions, shown_demo_question

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")
expect, PlaywrightError = playwright.expect, playwright.Error

COURSE = "hotel-staff"  # the demo hotel course: courses/demo_courses/2-hotel-staff.toml
SAVED = "Saved: {} of 8 questions answered."


@pytest.fixture
def hotel_quiz(demo_site):
    seed_quizzes(list(CoursePage.objects.live().order_by("path")))
    return QuizPage.objects.live().child_of(CoursePage.objects.get(slug=COURSE)).get()


def ready_learner(email, quiz):
    learner = make_user(email, profile_group=StakeholderGroup.objects.get(slug="hotel-lodging"))
    open_all_lessons(learner, quiz.get_parent())
    return learner


def ticked_labels(page):
    """The labels of the choices the answer form shows ticked, in page order."""
    return page.locator(".quiz-choice:has(input:checked) label").all_inner_texts()


def test_a_learner_reloads_mid_quiz_loses_the_signal_and_keeps_every_choice(
    width, page_at, shot, sign_in, hotel_quiz
):
    learner = ready_learner(f"dana.autosave.{width}@example.org", hotel_quiz)
    page = page_at(width)
    sign_in(page, learner.email, PASSWORD)
    page.goto(hotel_quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    attempt = Attempt.objects.get(user=learner)
    status = page.get_by_role("status").filter(has_text=re.compile("Saved|connection|Not saved"))

    # Three answers, each saved as it is chosen; the status says so, quietly.
    answer_demo_quiz(page, COURSE, correctly=True, first=3, submit=False)
    expect(page.locator("#quiz-save-status")).to_have_text(SAVED.format(3))
    shot(page, "three-answers-saved")
    attempt.refresh_from_db()
    assert len(attempt.saved_choices) == 3 and attempt.is_open

    # A reload keeps them: the server ticks what it saved.
    before = ticked_labels(page)
    page.reload()
    expect(page.locator("#quiz-save-status")).to_have_text(SAVED.format(3))
    assert ticked_labels(page) == before and len(before) >= 3
    shot(page, "reloaded-choices-still-ticked")

    # The signal drops: the fourth answer is kept on the phone and saved once back online.
    page.context.set_offline(True)
    sections = page.locator("section.quiz-question")
    questions = demo_questions(COURSE)
    fourth = shown_demo_question(sections.nth(3), questions)
    for choice in fourth["choices"]:
        if choice["correct"]:
            sections.nth(3).get_by_label(choice["text"], exact=True).check()
    expect(status).to_contain_text("No connection: your answers are kept on this device")
    shot(page, "offline-answer-kept-on-device")
    page.context.set_offline(False)
    expect(page.locator("#quiz-save-status")).to_have_text(SAVED.format(4))
    attempt.refresh_from_db()
    assert len(attempt.saved_choices) == 4

    # Out of signal again, the learner reloads: the page cannot load, but the fifth answer waits
    # in this tab, and is ticked and sent when the page opens again.
    page.context.set_offline(True)
    # Chromium's offline emulation lets the beacon a page sends as it unloads through, and now
    # and then a save: a phone out of signal would send neither, so both are cut off here.
    page.evaluate("navigator.sendBeacon = () => false")
    save_url = re.compile(r"/quizzes/attempts/[^/]+/save/$")
    page.route(save_url, lambda route: route.abort("internetdisconnected"))
    fifth = shown_demo_question(sections.nth(4), questions)
    fifth_right = [choice["text"] for choice in fifth["choices"] if choice["correct"]]
    for text in fifth_right:
        sections.nth(4).get_by_label(text, exact=True).check()
    expect(status).to_contain_text("No connection")
    with pytest.raises(PlaywrightError):
        page.reload()
    attempt.refresh_from_db()
    assert len(attempt.saved_choices) == 4
    page.context.set_offline(False)
    page.unroute(save_url)
    page.goto(f"/quizzes/attempts/{attempt.public_id}/")
    for text in fifth_right:
        expect(page.locator("section.quiz-question").nth(4).get_by_label(text, exact=True)) \
            .to_be_checked()
    expect(page.locator("#quiz-save-status")).to_have_text(SAVED.format(5))
    attempt.refresh_from_db()
    assert len(attempt.saved_choices) == 5
    shot(page, "unsent-answer-saved-when-the-server-answers")

    # The rest, then submit: every answer counts, and the learner passes.
    answer_demo_quiz(page, COURSE, correctly=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.get_by_text("You answered 8 of 8 questions correctly: 100%.")).to_be_visible()
    shot(page, "passed")
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score_percent == 100


def tab_to(page, locator, *, limit=80):
    """Presses Tab until `locator` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_a_keyboard_user_takes_the_whole_quiz_without_a_mouse(page_at, shot, sign_in, hotel_quiz):
    learner = ready_learner("kai.keyboard@example.org", hotel_quiz)
    page = page_at("desktop")
    sign_in(page, learner.email, PASSWORD)
    page.goto(hotel_quiz.url)

    start = page.get_by_role("button", name="Start the quiz")
    tab_to(page, start)
    shot(page, "start-button-focused")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()

    questions = demo_questions(COURSE)
    sections = page.locator("section.quiz-question")
    for index in range(sections.count()):
        section = sections.nth(index)
        question = shown_demo_question(section, questions)
        inputs = section.locator("input")
        labels = section.locator(".quiz-choice label").all_inner_texts()
        right = {choice["text"] for choice in question["choices"] if choice["correct"]}
        if inputs.first.get_attribute("type") == "checkbox":
            # Every box is a stop of its own: Space ticks the right ones.
            for position, label in enumerate(labels):
                tab_to(page, inputs.nth(position))
                if label in right:
                    page.keyboard.press("Space")
        else:
            # One stop for the group: Space picks the first choice, each arrow the next.
            tab_to(page, inputs.first)
            position = labels.index(next(iter(right)))
            page.keyboard.press("Space")
            for _ in range(position):
                page.keyboard.press("ArrowDown")
        for position, label in enumerate(labels):
            expect(inputs.nth(position)).to_be_checked(checked=label in right)
        if index == 2:
            shot(page, "answering-with-the-keyboard")

    expect(page.locator("#quiz-save-status")).to_have_text(SAVED.format(8))
    submit = page.get_by_role("button", name="Submit answers")
    tab_to(page, submit)
    shot(page, "submit-focused")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    shot(page, "passed")
    attempt = Attempt.objects.get(user=learner)
    assert attempt.passed and attempt.score_percent == 100
