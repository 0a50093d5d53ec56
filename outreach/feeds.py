"""A trainer's calendar feed: the sessions scheduled at their campaign targets, for calendar
apps that subscribe to an address and cannot sign in. The secret token in the address is the
key; a trainer renews it from the admin (admin_campaigns.CalendarFeedView)."""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from redflag.lib.links import absolute_url

from . import ical
from .models import CalendarFeed
from .services import campaigns


def events(user) -> list[dict]:
    host = urlsplit(absolute_url("/")).hostname or "redflag"
    return [
        {
            # Stable per target, so a moved session moves in the calendar rather than doubling.
            "uid": f"campaign-target-{target.pk}@{host}",
            "start": target.session_starts_at,
            "summary": _("Red-flag training: %(organisation)s") % {
                "organisation": target.organisation.name},
            "location": target.session_place or target.organisation.address,
            "description": _("Campaign: %(campaign)s") % {"campaign": target.campaign.name},
        }
        for target in campaigns.scheduled_sessions(user)
    ]


# GET and HEAD: some calendar apps ask HEAD before they subscribe.
@require_safe
def calendar(request, token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    # A trainer who left the role, or whose account is closed, has no feed.
    if feed is None or not feed.user.is_active or not feed.user.has_perm(
            "outreach.change_campaigntarget"):
        raise Http404
    body = ical.calendar(_("Red-flag training sessions"), events(feed.user),
                         stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    return response
