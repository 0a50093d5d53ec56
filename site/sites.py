"""The Wagtail site that answers each request, kept in the cache.

Before Wagtail routes a request to a page it finds the site for the host name (a query that ranks
every site against the host and port) and then loads the site's home page: two queries on every
page view, for rows that change perhaps once a year. `SiteMiddleware` hands Wagtail the site from
the cache instead, home page included, through the attribute Wagtail itself keeps the site of a
request in.

A copy is forgotten when a site is saved or deleted and when a home page is published or
unpublished, in every process, because the cache is shared; and it is kept at most
CACHE_SECONDS, which bounds how long a copy can outlive a change that the cache did not hear of
(while Redis is away each process caches on its own).
"""

import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

CACHE_SECONDS = 60
KEYS = "redflag:sites:keys"


def _key(request) -> str:
    hostname = split_domain_port(request.get_host())[0]
    digest = hashlib.sha256(f"{hostname}:{request.get_port()}".encode()).hexdigest()[:32]
    return f"redflag:sites:{digest}"


def site_for_request(request):
    """Wagtail's Site.find_for_request, from the cache when it holds the answer."""
    key = _key(request)
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        site.root_page = site.root_page.specific
        cache.set(key, site, CACHE_SECONDS)
        known = cache.get(KEYS) or set()
        cache.set(KEYS, known | {key}, CACHE_SECONDS)
    return site


def forget_sites(**kwargs):
    cache.delete_many([*(cache.get(KEYS) or ()), KEYS])


def forget_sites_for_root(sender, instance, **kwargs):
    if instance.depth == 2 or Site.objects.filter(root_page_id=instance.pk).exists():
        forget_sites()


class SiteMiddleware:
    """Sets the request's Wagtail site before Wagtail looks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def connect():
    post_save.connect(forget_sites, sender=Site, dispatch_uid="redflag.sites.saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="redflag.sites.deleted")
    page_published.connect(forget_sites_for_root, dispatch_uid="redflag.sites.published")
    page_unpublished.connect(forget_sites_for_root, dispatch_uid="redflag.sites.unpublished")
