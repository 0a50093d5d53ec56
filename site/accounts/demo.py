"""Demo sign-ins for `seed_demo --demo-accounts`: one per role, email already verified."""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from courses.models import StakeholderGroup

from .models import LearnerProfile

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "redflag-demo")

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
