"""How Redflag names one member of staff to another."""


def display_name(user) -> str:
    """Their name with the email address that tells two people of one name apart, or the address
    alone; nothing for no one (an unassigned trainer), so that a template's `|default` can say
    so. Never the username: sign-up makes it up from the address."""
    if user is None:
        return ""
    name = user.get_full_name()
    if name and user.email:
        return f"{name} ({user.email})"
    return name or user.email or user.get_username()
