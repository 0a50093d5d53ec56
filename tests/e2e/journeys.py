"""Steps that many journeys share: signing up with the emailed code, signing in.

The conftest offers them as fixtures (``signup_and_verify``, ``sign_in``); they live here so a test
can also import them, or the form-filling step alone. Playwright is imported where it is used, so a
machine without it skips the browser tests instead of failing to collect them.
"""

import re

from django.contrib.auth import get_user_model
from django.core import mail

PASSWORD = "tall-lantern-harbor-42"
# Labels read "Password *" and "Password (again) *"; the star is hidden from screen readers.
PASSWORD_LABEL = re.compile(r"^Password(?!\s*\(again\))")
PASSWORD_AGAIN_LABEL = re.compile(r"^Password \(again\)")
# The main menu's sign-out link in each language a learner can choose (locale/*/django.po).
SIGN_OUT = {"en": "Sign out", "es": "Cerrar sesión"}

# A learner as sign-up and its workplace step ask for them; journeys override what they need.
LEARNER = {
    "certificate_name": "Rosa María Delgado",
    "group": "utility-workers",  # a StakeholderGroup slug; the form shows the group's name
    "employer": "Bay Valley Water & Power",
    "job_role": "Meter reader",
    "state": "CA",
    "county": "Alameda",
    "zip_code": "94607",
    "language": "en",
}


def verification_code(email):
    """The code in the newest verification email sent to ``email``, as the learner reads it."""
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"No email was sent to {email}."
    body = messages[-1].body
    match = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", body, re.MULTILINE)
    assert match, f"No verification code in the email:\n{body}"
    return match.group(1)


def group_name(slug):
    from courses.models import StakeholderGroup

    return StakeholderGroup.objects.get(slug=slug).name


def fill_signup_form(page, *, email, password, profile):
    """Types into the sign-up form (the account: email, name, password), finding each by label."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Name on certificate").fill(profile["certificate_name"])
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_label(PASSWORD_AGAIN_LABEL).fill(password)


def fill_profile_form(page, *, profile):
    """Types into the workplace step (or the profile page), the county chosen after the state."""
    page.get_by_label("Workplace type").select_option(label=group_name(profile["group"]))
    page.get_by_label("Employer or organisation").fill(profile.get("employer", ""))
    page.get_by_label("Job role").fill(profile.get("job_role", ""))
    page.get_by_label("State").select_option(profile["state"])
    page.get_by_label("County").select_option(profile.get("county", ""))
    page.get_by_label("ZIP code").fill(profile.get("zip_code", ""))
    page.get_by_label("Preferred language").select_option(profile.get("language", "en"))


def signup_and_verify(page, *, email, password=PASSWORD, profile=None, shot=None):
    """Signs up at /accounts/signup/, types the emailed code, fills in the workplace step and
    returns the signed-in user.

    ``shot``, when given, photographs the filled form, the code page and the workplace step.
    """
    from playwright.sync_api import expect

    profile = {**LEARNER, **(profile or {})}
    if "/accounts/signup/" not in page.url:
        page.goto("/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("sign up", re.I))
    fill_signup_form(page, email=email, password=password, profile=profile)
    if shot:
        shot(page, "signup-filled")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("verification code", re.I))
    page.get_by_label("Code").fill(verification_code(email))
    if shot:
        shot(page, "verification-code")
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()

    # The second step: the workplace, before any course.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workplace")
    expect(page.get_by_label("Name on certificate")).to_have_value(profile["certificate_name"])
    if shot:
        shot(page, "workplace-step")
    fill_profile_form(page, profile=profile)
    if shot:
        shot(page, "workplace-step-filled")
    page.get_by_role("button", name="Continue to my course").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Your workplace")
    # From here on the learner reads the language they chose.
    expect(page.get_by_role("link", name=SIGN_OUT[profile["language"]])).to_be_visible()
    return get_user_model().objects.get(email=email)


def sign_in(page, email, password=PASSWORD, *, totp_secret=None):
    """Signs in through the sign-in form and waits until the page shows the person signed in.

    Staff are then asked for the code of their authenticator app: ``totp_secret`` is the key the
    app holds (the demo staff accounts' key unless given).
    """
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    signed_in = page.get_by_role("link", name="Sign out")
    two_factor = page.get_by_role("heading", name=re.compile("two-factor", re.I))
    expect(signed_in.or_(two_factor)).to_be_visible()
    if two_factor.is_visible():
        page.get_by_label(re.compile("code", re.I)).fill(totp_code(totp_secret))
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(signed_in).to_be_visible()


def totp_code(secret=None):
    """What an authenticator app holding ``secret`` (the demo key unless given) shows now."""
    import time

    from redflag.demo import accounts as demo

    return demo.current_code(time.time(), secret or demo.DEMO_TOTP_SECRET)


# --- quizzes ---------------------------------------------------------------------------------


def _demo_question(questions, legend, scenario):
    """The demo question shown with this legend (and situation: two share "What should you do?")."""
    found = [
        question for question in questions
        if _same_text(question["text"], legend)
        and (not question["scenario"] or _same_text(question["scenario"], scenario))
    ]
    assert len(found) == 1, f"{len(found)} demo questions match {legend!r} / {scenario!r}"
    return found[0]


def _same_text(expected, shown):
    return " ".join(expected.split()) == " ".join(shown.split())


def demo_questions(course_slug, language="en"):
    """The demo course's quiz questions, as its file in courses/demo_courses/ holds them (or its
    translation into `language`, the file beside it: "2-hotel-staff.es.toml")."""
    from courses.demo_data import load_course, load_courses

    course = next(c for c in load_courses() if c["slug"] == course_slug)
    if language != "en":
        source = course["file"]
        course = load_course(source.with_name(f"{source.stem}.{language}.toml"))
    return course["questions"]


def shown_demo_question(section, questions):
    """The demo question a `section.quiz-question` of the attempt page shows, read as a learner
    reads it: its legend, and its situation when it has one."""
    legend = section.locator("legend").inner_text()
    situation = section.locator(".quiz-scenario")
    scenario = situation.locator("p").last.inner_text() if situation.count() else ""
    return _demo_question(questions, legend, scenario)


def answer_demo_quiz(page, course_slug, *, correctly, first=None, submit=True, language="en"):
    """Answers the questions on the attempt page, right or wrong, as the demo content says: every
    one, or the `first` few, then submits unless told not to.

    Each question is found the way a learner reads it: its legend (and its situation, when it has
    one), then the choices by their labels, in the quiz's `language`. Returns the demo questions
    that were asked.
    """
    from playwright.sync_api import expect

    questions = demo_questions(course_slug, language)
    sections = page.locator("section.quiz-question")
    expect(sections.first).to_be_visible()
    asked = []
    for index in range(sections.count() if first is None else first):
        section = sections.nth(index)
        question = shown_demo_question(section, questions)
        legend = section.locator("legend").inner_text()
        asked.append(question)
        right = [choice["text"] for choice in question["choices"] if choice["correct"]]
        wrong = [choice["text"] for choice in question["choices"] if not choice["correct"]]
        # Wrong: a single wrong choice, which misses every kind (one answer or "all that apply").
        for text in right if correctly else wrong[:1]:
            section.get_by_role("group", name=legend).get_by_label(text, exact=True).check()
    if submit:
        page.get_by_role("button", name="Submit answers").click()
    return asked
