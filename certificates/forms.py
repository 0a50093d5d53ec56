from django import forms
from django.utils.translation import gettext_lazy as _

from . import codes
from .services.issuing import validate_learner_name


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_(
            "The 16 letters and digits printed on the certificate, e.g. 7KQ2-M9XD-4HRT-B3ZP. "
            "Dashes and capital letters are optional."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = codes.normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "That is not a certificate code: it has 16 letters and digits, "
                    "in four groups of four."
                )
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded in the audit log. The public verification page shows only that the "
            "certificate was revoked, and when."
        ),
    )


class ReissueForm(forms.Form):
    learner_name = forms.CharField(
        label=_("Corrected name"),
        max_length=200,
        validators=[validate_learner_name],
        help_text=_("The name as it should appear on the new certificate."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Recorded in the audit log, e.g. "Learner\'s surname was misspelt".'),
    )
