from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

GROUP_NAME_MAX_LENGTH = 100


def other_languages() -> list[str]:
    """The interface languages besides settings.LANGUAGE_CODE, the language of a group's `name`."""
    return [code for code, _label in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def translated_name_field(code: str) -> str:
    return f"name_{code.replace('-', '_')}"


class StakeholderGroupForm(WagtailAdminModelForm):
    """The group's edit form, with one plain text box for its name in each other language;
    together they fill StakeholderGroup.translated_names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.translated_names
        names = names if isinstance(names, dict) else {}
        for code in other_languages():
            field = translated_name_field(code)
            if field in self.fields:
                self.fields[field].initial = names.get(code, "")

    def save(self, commit=True):
        names = dict(self.instance.translated_names or {})
        for code in other_languages():
            field = translated_name_field(code)
            if field not in self.cleaned_data:
                continue
            # An empty box removes the name, so learners read `name` rather than an empty label.
            if self.cleaned_data[field]:
                names[code] = self.cleaned_data[field]
            else:
                names.pop(code, None)
        self.instance.translated_names = names
        return super().save(commit=commit)


# Declared once the languages are known; Wagtail's form for the panels (FieldPanel("name_es"))
# picks them up from the base class.
for _code in other_languages():
    _field = forms.CharField(
        label=format_lazy(_("Name in {language}"),
                          language=get_language_info(_code)["name_local"].capitalize()),
        max_length=GROUP_NAME_MAX_LENGTH,
        required=False,
        help_text=_("What learners who use the site in this language read. Leave it empty to "
                    "show the name above."),
    )
    StakeholderGroupForm.base_fields[translated_name_field(_code)] = _field
    StakeholderGroupForm.declared_fields[translated_name_field(_code)] = _field
