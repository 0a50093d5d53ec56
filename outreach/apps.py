from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach coverage")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save, pre_delete

        from certificates.models import Certificate
        from courses.models import CoursePage, StakeholderGroup

        from . import training_log
        from .models import Organisation

        post_save.connect(training_log.certificate_saved, sender=Certificate,
                          dispatch_uid="outreach.training_log.saved")
        post_delete.connect(training_log.certificate_deleted, sender=Certificate,
                            dispatch_uid="outreach.training_log.deleted")
        pre_delete.connect(training_log.account_deleting, sender=get_user_model(),
                           dispatch_uid="outreach.training_log.account")
        for model in (CoursePage, StakeholderGroup, Organisation):
            pre_delete.connect(training_log.referenced_deleting, sender=model,
                               dispatch_uid=f"outreach.training_log.{model._meta.model_name}")
            post_delete.connect(training_log.referenced_deleted, sender=model,
                                dispatch_uid=f"outreach.training_log.{model._meta.model_name}")
