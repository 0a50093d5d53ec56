"""Plain-text emails read as typed: no template sent as text escapes it for HTML."""

import datetime
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.template.loader import render_to_string

TYPED = "O'Brien & \"Sons\" <Care>"


class Typed(str):
    """Text with every character HTML escaping changes, under whatever attribute a template asks
    for (certificate.learner_name, current_site.domain, user.email, ...)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self


def _email_text_templates():
    """The project's plain-text email templates, and allauth's (they extend the project's base
    message): every .txt in a folder named email or emails under a templates folder."""
    project = [folder for folder in Path(settings.BASE_DIR).iterdir()
               if folder.is_dir() and not folder.name.startswith(".") and folder.name != "var"]
    names = set()
    for root in [*project, Path(allauth.__file__).parent]:
        for path in root.glob("**/templates/**/*.txt"):
            if path.parent.name not in ("email", "emails"):
                continue
            parts = path.parts
            names.add("/".join(parts[len(parts) - parts[::-1].index("templates"):]))
    return sorted(names)


def test_the_email_templates_checked_below_include_the_projects_and_allauths():
    names = _email_text_templates()
    assert "certificates/emails/reminder_subject.txt" in names
    assert "account/email/email_confirmation_subject.txt" in names
    assert "account/email/password_reset_key_message.txt" in names


@pytest.mark.parametrize("template_name", _email_text_templates())
def test_a_plain_text_email_shows_apostrophes_ampersands_and_brackets_as_typed(template_name, db):
    from certificates.models import Certificate

    context = {name: Typed(TYPED) for name in (
        "current_site", "user", "code", "activate_url", "password_reset_url",
        "ip", "user_agent", "timestamp", "email", "from_email", "to_email", "renew_url",
        "my_training_url", "verify_url", "signup_url", "key", "username", "provider",
        "account",
    )}
    context.update(expired=False, days_left=3, certificate=Certificate(
        learner_name=TYPED, course_title=TYPED, issued_on=datetime.date(2026, 1, 5),
        expires_on=datetime.date(2028, 1, 5), code="0" * 16, score_percent=90))
    # The trainers' follow-up digest (outreach/emails/follow_up_digest.txt).
    item = {"organisation": Typed(TYPED), "campaign": Typed(TYPED), "contact": Typed(TYPED),
            "url": Typed(TYPED), "due_on": datetime.date(2026, 4, 13), "overdue": True}
    context.update(name=Typed(TYPED), count=3, follow_ups=[item], targets=[item],
                   follow_ups_url=Typed(TYPED))
    text = render_to_string(template_name, context)
    for entity in ("&#x27;", "&#39;", "&amp;", "&quot;", "&lt;", "&gt;"):
        assert entity not in text
