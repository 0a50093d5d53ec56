from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import links

        page_published.connect(links.forget_course_quiz_url)
        page_unpublished.connect(links.forget_course_quiz_url)
