"""Admin views that replace Wagtail's where a quiz needs more care than other pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import QuizPage


class QuizWorkflowActionView(WorkflowActionView):
    """Wagtail's approve/reject action on a quiz in review.

    Approving publishes the latest draft, and QuizPage.publish() refuses a draft that breaks the
    publishing rules (it may have been saved after it was submitted). Wagtail would answer with a
    server error; here the whole action is undone, the task stays in review, and the reviewer is
    sent to the editor with the reason.
    """

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(
                request,
                _("“%(title)s” was not approved: %(reasons)s Fix the draft, then approve it.")
                % {"title": self.object.get_admin_display_title(),
                   "reasons": " ".join(error.messages)},
            )
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)


class QuizPageViewSet(PageViewSet):
    model = QuizPage
    workflow_action_view_class = QuizWorkflowActionView
