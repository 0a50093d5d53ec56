"""What certificates hears and what it tells.

Heard: a passed quiz issues its certificate, inside the grading transaction (quizzes/signals.py).

Told: `certificates_changed`, sent with `user_ids` and `certificate_ids` whenever certificates were
written, inside the transaction that wrote them: issued, revoked, reissued, moved to another
organisation, deleted, or emptied by the deletion of an account, course, group or organisation
they named (a SET_NULL the database does without saving the certificates). Coverage's training
log (outreach/training_log.py) recomputes those learners' records on it. Whoever writes
certificates in bulk sends it too, once, with every learner touched.
"""

from django.dispatch import Signal, receiver

from quizzes.signals import quiz_passed

certificates_changed = Signal()


def send_changed(*, user_ids=(), certificate_ids=()) -> None:
    user_ids = {pk for pk in user_ids if pk is not None}
    certificate_ids = {pk for pk in certificate_ids if pk is not None}
    if user_ids or certificate_ids:
        certificates_changed.send(sender=None, user_ids=user_ids, certificate_ids=certificate_ids)


@receiver(quiz_passed, dispatch_uid="certificates.issue_on_quiz_pass")
def issue_on_quiz_pass(sender, attempt, **kwargs):
    from .services.issuing import issue_certificate

    issue_certificate(
        user=attempt.user,
        course=attempt.course,
        score_percent=attempt.score_percent,
        passed_at=attempt.submitted_at,
        attempt=attempt,
    )


# Deletions ----------------------------------------------------------------------------------
# A deleted certificate, and the certificates whose account, course, group or organisation is
# deleted: the database empties those references in one UPDATE, without saving the rows.


def certificate_deleted(sender, instance, **kwargs):
    send_changed(user_ids=[instance.user_id], certificate_ids=[instance.pk])


def emptied_references():
    """(model, field name) for every reference of a certificate that a deletion sets to NULL."""
    from .models import Certificate

    return [(field.related_model, field.name) for field in Certificate._meta.concrete_fields
            if field.is_relation and field.remote_field.on_delete.__name__ == "SET_NULL"
            and field.related_model is not Certificate]


def referenced_deleting(sender, instance, **kwargs):
    from .models import Certificate

    fields = [name for model, name in emptied_references() if model is sender]
    ids = set()
    for name in fields:
        ids.update(Certificate.objects.filter(**{name: instance.pk})
                   .values_list("pk", flat=True))
    instance._emptied_certificates = ids


def referenced_deleted(sender, instance, **kwargs):
    send_changed(certificate_ids=getattr(instance, "_emptied_certificates", ()))
