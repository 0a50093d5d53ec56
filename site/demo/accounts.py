"""Demo sign-ins for `seed_demo --demo-accounts`: one per role, email already verified.

Staff demo accounts come with an authenticator already set up, from one fixed key printed by
`make run`, because staff reach the admin only with a TOTP code. The key is for the demo alone:
demo accounts exist only with DEBUG or REDFLAG_DEMO, and production settings never name it.
"""

import os

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from redflag.accounts.models import LearnerProfile

from courses.models import StakeholderGroup

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "redflag-demo")
# Base32, as an authenticator app takes it; shown in groups of four for typing.
DEMO_TOTP_SECRET = "REDFLAGDEMOSTAFF"

ACCOUNTS = [
    # role label, email, name, Django group, is_superuser
    ("learner", "learner@example.org", "Maria Lopez", None, False),
    ("trainer", "trainer@example.org", "Tom Trainer", "Trainers", False),
    ("reviewer", "reviewer@example.org", "Rita Reviewer", "Reviewers", False),
    ("coordinator", "coordinator@example.org", "Cora Coordinator", "Coordinators", False),
    ("admin", "admin@example.org", "Ada Admin", None, True),
]


@transaction.atomic
def seed_accounts():
    User = get_user_model()
    hotel = StakeholderGroup.objects.filter(slug="hotel-lodging").first()
    created = []
    for role, email, name, group_name, is_superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            first, _, last = name.partition(" ")
            user = User.objects.create_user(
                username=email,
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_superuser=is_superuser,
                is_staff=is_superuser,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        if group_name or is_superuser:
            _give_demo_authenticator(user)
        if role == "learner" and hotel and not hasattr(user, "learner_profile"):
            LearnerProfile.objects.create(
                user=user,
                certificate_name=name,
                group=hotel,
                employer="Harbor View Hotel",
                job_role="Housekeeper",
                state="CA",
                county="Alameda",
                zip_code="94607",
            )
        created.append((role, email))
    return created


def _give_demo_authenticator(user):
    if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not is_mfa_enabled(user, [Authenticator.Type.RECOVERY_CODES]):
        RecoveryCodes.activate(user)


def staff_roles() -> list[str]:
    return [role for role, _email, _name, group, superuser in ACCOUNTS if group or superuser]


def display_secret() -> str:
    return " ".join(DEMO_TOTP_SECRET[i:i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))


def current_code(now: float, secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app holding `secret` (the demo key unless given) shows at `now`
    (Unix seconds)."""
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(now) // app_settings.TOTP_PERIOD))
