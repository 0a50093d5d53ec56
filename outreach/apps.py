from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach coverage")

    def ready(self):
        from certificates.signals import certificates_changed

        from . import training_log

        certificates_changed.connect(training_log.changed, dispatch_uid="outreach.training_log")
