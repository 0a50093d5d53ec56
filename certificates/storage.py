"""Where certificate PDFs and bulk ZIPs are kept: never under MEDIA_ROOT, which may be served as-is.

Every download goes through a view that checks who is asking. The folder is read from settings on
each use (CERTIFICATE_FILES_ROOT, default var/private) so tests can point it at a temporary folder;
a deployment that keeps files elsewhere configures a "certificates" entry in STORAGES instead.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        default = Path(settings.MEDIA_ROOT).parent / "private"
        return str(getattr(settings, "CERTIFICATE_FILES_ROOT", default))

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Certificate files have no public URL; serve them through a view.")


_private = PrivateFileSystemStorage()


def certificate_storage():
    """FileField storage callable, so migrations do not freeze a path."""
    if "certificates" in settings.STORAGES:
        return storages["certificates"]
    return _private
