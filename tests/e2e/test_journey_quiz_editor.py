"""A trainer writes a quiz question in the admin: a new question starts with two empty choices and
no error, "True or false" fills in True and False, and the collapsed question reads as its text.
Then the trainer's home page lists the new draft."""

import re

import pytest
from redflag.demo.accounts import DEMO_PASSWORD, seed_accounts

from courses.models import CoursePage

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

TRAINER = "trainer@example.org"
# Field labels, with the mark of a required field.
QUESTION, CHOICE, KIND = (re.compile(rf"^{label}\*?$") for label in ("Question", "Choice", "Kind"))


def test_a_trainer_writes_a_true_or_false_question(page_at, shot, sign_in, demo_site):
    seed_accounts()
    course = CoursePage.objects.live().order_by("path").first()
    page = page_at("desktop")
    sign_in(page, TRAINER, DEMO_PASSWORD)
    page.goto(f"/admin/pages/add/quizzes/quizpage/{course.pk}/")
    page.locator("#id_title").fill("Check what you learned")

    questions = page.locator("#panel-child-content-questions-section")
    questions.get_by_role("button", name="Insert a block").first.click()
    question = questions.locator("[data-streamfield-child]").first
    expect(question.get_by_role("textbox", name=QUESTION)).to_be_visible()
    # Two empty choices, and no complaint about their number before anything is saved.
    choices = question.get_by_role("textbox", name=CHOICE)
    expect(choices).to_have_count(2)
    expect(choices.nth(0)).to_have_value("")
    expect(page.get_by_text("The minimum number of items is 2")).to_have_count(0)
    question.scroll_into_view_if_needed()
    shot(page, "new-question")

    question.get_by_role("textbox", name=QUESTION).fill("Trafficking can happen in any hotel.")
    question.get_by_role("combobox", name=KIND).select_option(label="True or false")
    expect(choices.nth(0)).to_have_value("True")
    expect(choices.nth(1)).to_have_value("False")
    shot(page, "true-or-false")

    # Collapsed, the question is labelled by its text rather than only as "Question".
    toggle = question.get_by_role("button", name="Toggle section").first
    toggle.click()
    expect(question.locator(".c-sf-block__title").first).to_have_text(
        "Trafficking can happen in any hotel.")
    shot(page, "collapsed")

    # The trainer's choices are theirs: switching kinds again does not overwrite them.
    toggle.click()
    choices.nth(0).fill("Yes")
    question.get_by_role("combobox", name=KIND).select_option(label="Single choice")
    question.get_by_role("combobox", name=KIND).select_option(label="True or false")
    expect(choices.nth(0)).to_have_value("Yes")

    # Saved as a draft, the quiz is on the trainer's home page, with a link back to it.
    question.get_by_role("checkbox", name=re.compile("^Correct")).first.check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("created")).to_be_visible()
    page.goto("/admin/")
    drafts = page.locator("section").filter(
        has=page.get_by_role("heading", name="Your drafts and pages in review"))
    expect(drafts.get_by_role("link", name="Check what you learned")).to_be_visible()
    expect(drafts).to_contain_text("Draft")
    shot(page, "home")

    # On a phone (a second sign-in would reuse the authenticator's code, which is refused).
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    expect(page.get_by_role("link", name="Check what you learned")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "home-on-a-phone")
