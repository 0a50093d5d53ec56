from django import template
from redflag.lib.people import display_name

register = template.Library()

# A member of staff as Redflag names them: {{ target.trainer|person|default:_("Not assigned") }}
register.filter("person", display_name)
