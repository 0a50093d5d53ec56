"""The Content-Security-Policy header: which of the two policies in settings a response gets.

django-csp's middleware writes the header; this subclass only chooses its parts. Learner pages get
CONTENT_SECURITY_POLICY. Paths under ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"] get the admin
policy, because Wagtail's editing interface still writes inline scripts and styles that learner
pages never need. A view that sets its own policy with django-csp's decorators keeps it.

frame-ancestors is 'none' (X-Frame-Options DENY), except where the editor frames Redflag itself:
views Wagtail marks X-Frame-Options SAMEORIGIN (StreamField block previews) and page previews get
'self'. Wagtail renders a page preview by passing a stand-in request for the page's own URL through
the whole middleware stack, so the preview gets the learner policy, exactly as learners will see
the page, and its header is written before Wagtail marks the outer response SAMEORIGIN: the
stand-in request's is_preview flag says it is one. Browsers that know frame-ancestors ignore
X-Frame-Options.
"""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"]))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        framable = (
            getattr(request, "is_preview", False)
            or response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        )
        parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF if framable else NONE]}
        return parts
