"""The only way a certificate render reaches outside itself: static files and data: URIs.

A certificate's HTML holds text learners typed. Escaping keeps it text, and this fetcher is the
second wall: even markup that slipped through could not read a local file, call a cloud metadata
address or follow a redirect (WeasyPrint CVE-2025-68616 was a redirect that escaped a fetcher which
only checked the first URL). Nothing here opens a network connection, so there is no redirect to
follow.
"""

import base64
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from redflag.lib.links import absolute_url
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

MAX_DATA_URI_BYTES = 2 * 1024 * 1024


class FetchRefused(ValueError):
    """WeasyPrint logs the refusal and renders without the resource."""


def static_roots() -> list[Path]:
    """Every folder static files come from: STATICFILES_DIRS, app static folders, STATIC_ROOT."""
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


class StaticOnlyURLFetcher(URLFetcher):
    """Serves file: URLs inside a static folder, the site's own /static/ URLs (from disk) and data:.

    Every URL asked for is kept in `requested`, so tests can prove what a render tried to reach;
    `record=False` keeps none, for the one fetcher a thread's renders share (certificates/pdf.py:
    making one costs about a millisecond, a few percent of a render).
    """

    def __init__(self, roots: list[Path] | None = None, *, record: bool = True):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.roots = roots if roots is not None else static_roots()
        self.record = record
        self.requested: list[str] = []
        base = absolute_url(settings.STATIC_URL)
        self.static_url_prefixes = [base]

    def fetch(self, url, headers=None):
        if self.record:
            self.requested.append(url)
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(Path(url2pathname(unquote(urlsplit(url).path))), url)
        for prefix in self.static_url_prefixes:
            if url.startswith(prefix):
                relative = unquote(urlsplit(url).path)[len(urlsplit(prefix).path) :]
                found = finders.find(relative)
                if found:
                    return self._file(Path(found), url)
        logger.warning("Certificate render refused to fetch %s", url[:200])
        raise FetchRefused(f"Certificates may only use the site's static files: {url[:200]}")

    def _file(self, path: Path, url: str) -> URLFetcherResponse:
        resolved = path.resolve()
        if not resolved.is_file() or not any(resolved.is_relative_to(root) for root in self.roots):
            logger.warning("Certificate render refused a file outside static: %s", url[:200])
            raise FetchRefused(f"Not a static file: {url[:200]}")
        mime_type = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, resolved.read_bytes(), {"Content-Type": mime_type})

    def _data(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        if len(payload) > MAX_DATA_URI_BYTES * 4 // 3 + 4:
            raise FetchRefused("data: URI too large")
        params = header.split(";")
        mime_type = params[0] or "text/plain"
        body = base64.b64decode(payload) if "base64" in params[1:] else unquote_to_bytes(payload)
        headers = {"Content-Type": mime_type}
        return URLFetcherResponse(url, body, headers)
