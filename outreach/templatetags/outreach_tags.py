from django import template
from redflag.lib.people import display_name

register = template.Library()


@register.filter
def person(user) -> str:
    """A member of staff as Redflag names them (redflag.lib.people); nothing for no one, so that
    `|default` can say who is missing."""
    return display_name(user) if user else ""
