from django.core.cache import cache
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from redflag.lib.phones import validate_phone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from courses.locales import default_locale_id, locale_id_of


class HomePage(Page):
    headline = models.CharField(
        _("headline"), max_length=200, default=_("Learn the red flags of human trafficking")
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("headline"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The home page in the reader's language, which Wagtail routes every request through.
        Wagtail's own answer reads the active locale from the database on every request; the
        locales are read once here (courses.locales), and a reader of the default language, the
        site's root page itself, costs no query at all."""
        locale_id = locale_id_of(get_language())
        if locale_id is None or locale_id == self.locale_id:
            return self
        translation = self.get_translations().filter(locale_id=locale_id).live().first()
        return translation.specific if translation else self

    def route(self, request, path_components):
        try:
            return self.route_here(request, path_components)
        except Http404:
            # A reader of Spanish is routed through the Spanish home page (Wagtail serves the site
            # root's translation in the active language). A page nobody has translated yet is
            # served from the default language's tree instead, so nothing is missing in Spanish:
            # it is shown in English and marked as such (courses.locales).
            source = self.get_translations().filter(locale_id=default_locale_id()).first()
            if source is None:
                raise
            return source.specific.route_here(request, path_components)

    def route_here(self, request, path_components):
        # Lessons are the hot path: find one by its full URL path, from the cache
        # (courses.places), instead of one or two queries per level of the tree. Anything else
        # (and routable sub-paths) routes as usual.
        if path_components:
            from courses import places

            place = places.find(self.url_path + "/".join(path_components) + "/")
            if place is not None:
                return RouteResult(place.lesson)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses.models import CourseIndexPage, StakeholderGroup

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = StakeholderGroup.objects.all()
        context["course_index"] = CourseIndexPage.objects.live().child_of(self).first()
        return context


@register_setting(icon="site")
class TaskForceSettings(BaseSiteSetting):
    """Who runs this Redflag: shown in every how-to-report callout and on certificates.

    The local law-enforcement number is required: every how-to-report callout names it after 911.
    Installs from before it existed have it blank until someone fills it in; the callout then says
    to call the local non-emergency line, and the system check home.W001 reminds the operator.
    """

    name = models.CharField(
        _("task force name"), max_length=200, default="Regional Human Trafficking Task Force"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(
        _("certificate signer"), max_length=120, blank=True,
        help_text=_("Printed under the signature line of every certificate, e.g. Maria Lopez."),
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=120, blank=True,
        help_text=_("e.g. Task force coordinator."),
    )
    law_enforcement_name = models.CharField(
        _("local law enforcement"),
        max_length=200,
        help_text=_("Whom learners call when it is not an emergency, e.g. Sheriff's Office "
                    "non-emergency."),
    )
    law_enforcement_phone = models.CharField(
        _("local law-enforcement phone"), max_length=40, validators=[validate_phone]
    )
    local_contact_name = models.CharField(
        _("local contact"), max_length=200, blank=True, help_text=_("e.g. Task force tip line")
    )
    local_contact_phone = models.CharField(_("local contact phone"), max_length=40, blank=True)
    local_contact_email = models.EmailField(_("local contact email"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("signer_name"), FieldPanel("signer_title")],
            heading=_("Certificates"),
        ),
        MultiFieldPanel(
            [FieldPanel("law_enforcement_name"), FieldPanel("law_enforcement_phone")],
            heading=_("Local law enforcement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("local_contact_name"),
                FieldPanel("local_contact_phone"),
                FieldPanel("local_contact_email"),
            ],
            heading=_("Local reporting contact"),
        ),
    ]

    class Meta:
        verbose_name = _("task force")

    # Every page's footer names the task force. Kept in the cache rather than read on each
    # request, so a learner's page spends its queries on the lesson; saving forgets the copy.
    CACHE_SECONDS = 300

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        key = cls._cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, cls.CACHE_SECONDS)
        return instance

    @classmethod
    def _cache_key(cls, site_id):
        return f"redflag:task-force-settings:{site_id}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self._cache_key(self.site_id))
