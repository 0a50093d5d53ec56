import time

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.utils import translation
from redflag.accounts.models import LearnerProfile
from redflag.demo import accounts as demo

from courses.demo import seed_site
from courses.models import CourseIndexPage, CoursePage, Jurisdiction, LessonPage, StakeholderGroup

PASSWORD = "correct-horse-battery"
# The authenticator app of every staff user the fixtures make (base32, as an app would scan it).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After every test that passed and used the database: the training log (outreach's records
    of who counts on the dashboard) must equal a recount from the certificates, whatever the test
    wrote and however (services, the ORM, bulk writes, deletions)."""
    result = yield
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        from django.db import DatabaseError

        from outreach import training_log

        try:
            count, sample = training_log.drift()
        except DatabaseError:
            return result  # the test left no usable connection (a server it stopped on purpose)
        assert count == 0, f"the training log drifted from a recount: {sample}"
    return result


def certificates_written(*certificates):
    """For a test that writes certificates with the ORM, as Redflag's services never do: tell the
    training log, as every writer of certificates must (without arguments: recount it all)."""
    from certificates.signals import send_changed
    from outreach import training_log

    if not certificates:
        training_log.rebuild()
        return
    send_changed(user_ids=[c.user_id for c in certificates],
                 certificate_ids=[c.pk for c in certificates])


class FrontDoorClient(Client):
    """force_login as if through the sign-in form: with the TOTP step when the user has an app.

    Staff reach the admin only from a session signed in with a second factor
    (accounts.security.StaffMFAMiddleware); tests about that gate sign in through the real forms.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "password")
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            record_authentication(request, user, "mfa", type="totp")
        request.session.save()


@pytest.fixture
def client():
    return FrontDoorClient()


def confirm_password(client, password=PASSWORD):
    """Types the password again, as allauth asks before an export of people's records."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, "the password was not accepted"
    return response


def totp_code(secret=TOTP_SECRET):
    """The code an authenticator app holding `secret` shows now."""
    return demo.current_code(time.time(), secret)


def sign_in(client, email, password=PASSWORD, *, totp_secret=None):
    """Signs in through the sign-in form, then the code step when the account has an app."""
    response = client.post("/accounts/login/", {"login": email, "password": password})
    if response.get("Location") == "/accounts/2fa/authenticate/":
        response = client.post("/accounts/2fa/authenticate/",
                               {"code": totp_code(totp_secret or TOTP_SECRET)})
    assert "_auth_user_id" in client.session, f"{email} could not sign in"
    return response


def give_totp(user, secret=TOTP_SECRET):
    return TOTP.activate(user, secret).instance


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    # A request in Spanish leaves Spanish active in this thread; every test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    return seed_site()


@pytest.fixture
def hotel_group(db):
    return StakeholderGroup.objects.get(slug="hotel-lodging")


@pytest.fixture
def course_index(home):
    index = CourseIndexPage(title="Courses", slug="courses")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


# The examples of the law the tests use: California's hotel training (Gov. Code 12950.3) and a
# state whose certificates last a year.
CALIFORNIA = dict(name="California", state="CA", law="Cal. Gov. Code § 12950.3",
                  validity_months=24, first_training_months=6,
                  hotline_name="CAST hotline", hotline_phone="1-888-539-2373")
MINNESOTA = dict(name="Minnesota", state="MN", law="Minn. Stat. (example)", validity_months=12)


def make_jurisdiction(slug="california", **fields):
    """A jurisdiction by slug: California unless told otherwise, made once."""
    defaults = {"california": CALIFORNIA, "minnesota": MINNESOTA}.get(slug, {"name": slug})
    jurisdiction, _created = Jurisdiction.objects.get_or_create(
        slug=slug, defaults={**defaults, **fields})
    return jurisdiction


def make_course(index, group, *, slug="hotel", lessons=3, blocks_per_lesson=2, jurisdiction=None):
    course = CoursePage(
        title=f"Course {slug}", slug=slug, summary="A summary.", estimated_minutes=20,
        jurisdiction=jurisdiction or make_jurisdiction(),
    )
    course.audience = [group]
    index.add_child(instance=course)
    course.save_revision().publish()
    for number in range(1, lessons + 1):
        body = [
            ("text", f"<p>Paragraph {n} of lesson {number}.</p>") for n in range(blocks_per_lesson)
        ]
        lesson = LessonPage(title=f"Lesson {number}", slug=f"lesson-{number}", body=body)
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


@pytest.fixture
def course(course_index, hotel_group):
    return make_course(course_index, hotel_group)


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def make_user(email, *, group=None, profile_group=None, **extra):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if group or extra.get("is_superuser"):
        # Staff set up an authenticator app before anything else; the fixtures come with one.
        give_totp(user)
    if profile_group:
        LearnerProfile.objects.create(
            user=user,
            certificate_name=email.split("@")[0].title(),
            group=profile_group,
            employer="Harbor View Hotel",
            job_role="Housekeeper",
            state="CA",
            county="Alameda",
        )
    return user


@pytest.fixture
def learner(db, hotel_group):
    return make_user("learner@example.org", profile_group=hotel_group)


@pytest.fixture
def other_learner(db, hotel_group):
    return make_user("other@example.org", profile_group=hotel_group)


@pytest.fixture
def trainer(db):
    return make_user("trainer@example.org", group="Trainers")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer@example.org", group="Reviewers")


@pytest.fixture
def coordinator(db):
    return make_user("coordinator@example.org", group="Coordinators")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture(autouse=True)
def _certificate_files(settings, tmp_path_factory):
    # Certificate PDFs and bulk ZIPs go to a throw-away folder, never the project's var/private.
    settings.CERTIFICATE_FILES_ROOT = tmp_path_factory.mktemp("certificate-files")
