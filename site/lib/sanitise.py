"""The one place Redflag sanitises HTML. Nothing else calls nh3 (or any sanitiser) directly."""

import nh3

# What lesson text may contain when it comes from outside Wagtail's editor (demo content, imports).
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def clean_html(html: str) -> str:
    """Return `html` with every tag, attribute and URL scheme outside the allow-list removed."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel", "sms"},
        link_rel="noopener noreferrer",
    )
