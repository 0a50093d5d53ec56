from django import template
from redflag.lib.phones import tel_href as _tel_href

register = template.Library()


@register.filter
def tel_href(phone) -> str:
    """A typed number as a phone dials it: "(916) 555-0100" -> "tel:9165550100"."""
    return _tel_href(str(phone or ""))
