"""`manage.py generate_training_data`: realistic synthetic records for benchmarks."""

import io

import pytest
from django.core.management import call_command
from redflag.accounts.models import LearnerProfile

from certificates.models import Certificate
from outreach.models import InPersonSession, Organisation, TrainingRecord
from tests.test_training_log import expected_records, stored_records


@pytest.mark.django_db
def test_it_writes_the_records_learners_and_organisations_asked_for_with_a_progress_bar():
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_training_data", "--records", "1000", stdout=out, stderr=err)
    certificates, sessions = Certificate.objects.count(), InPersonSession.objects.count()
    assert sessions == 20
    reissued = Certificate.objects.filter(replaced_by__isnull=False).count()
    assert certificates - reissued == 980  # one record is one certificate or one session
    assert LearnerProfile.objects.count() == 200
    assert Organisation.objects.count() == 20
    assert "100%" in err.getvalue() and "1,420/1,420 rows" in err.getvalue()
    assert "Wrote 20 organisations, 200 learners" in out.getvalue()
    # The mix has what real data has.
    assert Certificate.objects.filter(revoked_at__isnull=False, replaced_by__isnull=True).exists()
    assert Certificate.objects.filter(user__isnull=True).exists()
    assert LearnerProfile.objects.filter(organisation__isnull=True).exists()
    assert Organisation.objects.filter(headcount__isnull=True).exists()
    replaced = Certificate.objects.filter(replaced_by__isnull=False).select_related("replaced_by")
    assert all(c.replaced_by.issued_on == c.issued_on and c.revoked_at for c in replaced)
    # Learners who changed employer; and the training log's columns, written with the rows, are
    # what the rules give.
    assert TrainingRecord.objects.filter(moved=True).exists()
    assert stored_records() == expected_records()


@pytest.mark.django_db
def test_it_can_run_twice_on_the_same_database():
    call_command("generate_training_data", "--records", "200", "--no-progress",
                 stdout=io.StringIO())
    call_command("generate_training_data", "--records", "200", "--no-progress",
                 stdout=io.StringIO())
    assert Organisation.objects.count() == 8
