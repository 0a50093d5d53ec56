"""Certificate PDF rendering with WeasyPrint.

Speed comes from doing the expensive work once per thread: the fonts are loaded into one
FontConfiguration, the stylesheet is parsed once per page size, the URL fetcher and a short
user-agent stylesheet are made once, then every render only lays out a small HTML page. WeasyPrint
subsets the fonts with HarfBuzz (libharfbuzz-subset0); without it, fontTools does the subsetting
about ten times slower (see checks.py).
"""

import base64
import io
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from PIL import Image
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .fetcher import StaticOnlyURLFetcher

logger = logging.getLogger(__name__)

PAGE_SIZES = {"letter": "letter", "a4": "A4"}
PDF_VARIANT = "pdf/ua-1"


def page_size() -> str:
    configured = str(getattr(settings, "CERTIFICATE_PAGE_SIZE", "letter") or "letter").lower()
    return PAGE_SIZES.get(configured, "letter")


def static_base_url() -> str:
    """A file: URL for the folder holding fonts/, so the stylesheet can name fonts relatively."""
    font = finders.find("fonts/NotoSans-Regular.ttf")
    if not font:
        raise FileNotFoundError(
            "static/fonts/NotoSans-Regular.ttf is missing: certificates need it."
        )
    return Path(font).resolve().parent.parent.as_uri() + "/"


@dataclass(frozen=True)
class Branding:
    """What the task force puts on every certificate, read once per render batch."""

    task_force_name: str
    logo_data_uri: str = ""
    signer_name: str = ""
    signer_title: str = ""

    @classmethod
    def current(cls) -> "Branding":
        from django.apps import apps
        from wagtail.models import Site

        # The task force's settings belong to the project above the apps: named by label.
        TaskForceSettings = apps.get_model("home", "TaskForceSettings")

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return cls(task_force_name=TaskForceSettings._meta.get_field("name").default)
        task_force = TaskForceSettings.for_site(site)
        logo = ""
        if task_force.logo_id:
            try:
                logo = _logo_data_uri(task_force.logo_id, task_force.logo.file.name)
            except Exception:  # a missing logo file must not stop certificates
                logger.exception("Certificate logo %s could not be read", task_force.logo_id)
        return cls(task_force_name=task_force.name, logo_data_uri=logo,
                   signer_name=task_force.signer_name, signer_title=task_force.signer_title)


@lru_cache(maxsize=8)
def _logo_data_uri(image_id: int, file_name: str) -> str:
    # file_name is part of the key: replacing the logo file gives a new cache entry.
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    rendition = image.get_rendition("max-480x200|format-png")
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


# segno's matrix holds 1 for a dark module and 0 for a light one: as grey levels, 0 and 255.
_MODULE_GREY = bytes([255, 0]) + bytes(254)


def qr_data_uri(url: str) -> str:
    # One pixel per module, scaled up in the PDF without smoothing: a few hundred bytes, decoded in
    # microseconds (an SVG path costs WeasyPrint ~10 ms to parse). A fixed mask skips segno's
    # search for the "best" of eight, which costs more than the rest of the QR code and changes
    # nothing for a scanner reading a clean, printed code; micro=False skips trying Micro QR
    # sizes, which hold 35 characters at most, never a verification address.
    qr = segno.make(url, error="m", mask=2, micro=False)
    size = len(qr.matrix)
    # Eight-bit grey, which WeasyPrint embeds as it is: segno's one-bit PNG would be converted to
    # RGB and encoded again on every render.
    image = Image.frombytes("L", (size, size), b"".join(qr.matrix).translate(_MODULE_GREY))
    png = io.BytesIO()
    image.save(png, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")


class _Renderer(threading.local):
    """Per thread, because WeasyPrint's font configuration is not shared safely across threads."""

    def __init__(self):
        self.font_config = None
        self.stylesheets = {}
        self.base_url = None
        self.fetcher = None
        self.user_agent = None

    def _set_up(self):
        self.font_config = FontConfiguration()
        self.base_url = static_base_url()
        self.fetcher = StaticOnlyURLFetcher(record=False)
        self.user_agent = CSS(
            string=render_to_string("certificates/pdf/user_agent.css"),
            url_fetcher=self.fetcher,
        )

    def stylesheet(self, size: str) -> CSS:
        if self.font_config is None:
            self._set_up()
        if size not in self.stylesheets:
            css = render_to_string("certificates/pdf/certificate.css", {"page_size": size})
            self.stylesheets[size] = CSS(
                string=css,
                base_url=self.base_url,
                url_fetcher=self.fetcher,
                font_config=self.font_config,
            )
        return self.stylesheets[size]


_renderer = _Renderer()


class CertificateHTML(HTML):
    """The certificate's page with its own short user-agent stylesheet (user_agent.css).

    WeasyPrint names no public way to set it; should a version stop calling this method, it
    renders with its full stylesheet for HTML, which is correct, only slower.
    """

    def _ua_stylesheets(self, forms=False):
        return [_renderer.user_agent]


def _size_class(text: str, prefix: str, medium: int, small: int) -> str:
    # Long names shrink so the longest a profile allows still fits the line space it has.
    if len(text) > small:
        return f"{prefix}-small"
    return f"{prefix}-medium" if len(text) > medium else ""


def _group_name(certificate, language: str) -> str:
    """The group as the certificate recorded it, or, on a certificate in another language than
    the site's, its name in that language where the group has one."""
    if language != settings.LANGUAGE_CODE and certificate.group_id:
        group = certificate.group
        if group is not None and group.translated_names.get(language):
            return group.name_in(language)
    return certificate.group_name


def render_html(certificate, branding: Branding) -> str:
    verify_url = certificate.get_verify_url()  # ends with the code and a slash
    # In the language the course was taken in, whoever asks for it.
    language = certificate.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                "certificate": certificate,
                "task_force_name": branding.task_force_name,
                "logo_data_uri": branding.logo_data_uri,
                "signer_name": branding.signer_name,
                "signer_title": branding.signer_title,
                # The address may wrap between its parts, never inside the code a reader types.
                "verify_url_start": verify_url[: -len(certificate.display_code) - 1],
                "verify_url_code": verify_url[-len(certificate.display_code) - 1:],
                "qr_data_uri": qr_data_uri(verify_url),
                "lang": language,
                "group_name": _group_name(certificate, language),
                "name_size": _size_class(certificate.learner_name, "name", 40, 80),
                "course_size": _size_class(certificate.course_title, "course", 10**6, 110),
            },
        )


def render_pdf(certificate, *, branding: Branding | None = None, fetcher=None) -> bytes:
    """The certificate as PDF bytes. Pass `fetcher` to watch what the render asks for."""
    branding = branding or Branding.current()
    stylesheet = _renderer.stylesheet(page_size())
    html = CertificateHTML(
        string=render_html(certificate, branding),
        base_url=_renderer.base_url,
        url_fetcher=fetcher or _renderer.fetcher,
    )
    return html.write_pdf(
        stylesheets=[stylesheet],
        font_config=_renderer.font_config,
        pdf_variant=PDF_VARIANT,
    )
