"""Bringing a course's translations up to date with its English pages ("Sync translated pages").

wagtail-localize's sync page offers "Publish immediately" to everyone who may translate, and then
publishes the translated pages without asking whether the person may publish them. In Redflag
trainers translate and reviewers publish: the option is offered only to someone who may publish
every page it would publish, and ignored from anyone else.
"""

from wagtail.models import Page
from wagtail_localize.views import update_translations


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations():
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)

    def may_publish_translations(self) -> bool:
        for translation in self.object.translations.filter(enabled=True):
            target = translation.get_target_instance()
            if isinstance(target, Page) and not target.permissions_for_user(
                    self.request.user).can_publish():
                return False
        return True
