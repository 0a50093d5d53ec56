from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete

        from . import checks, signals  # noqa: F401  (registers the check and the quiz receiver)
        from .models import Certificate

        post_delete.connect(signals.certificate_deleted, sender=Certificate,
                            dispatch_uid="certificates.deleted")
        for model in {model for model, _name in signals.emptied_references()}:
            label = model._meta.label_lower
            pre_delete.connect(signals.referenced_deleting, sender=model,
                               dispatch_uid=f"certificates.emptied.{label}")
            post_delete.connect(signals.referenced_deleted, sender=model,
                                dispatch_uid=f"certificates.emptied.{label}")
