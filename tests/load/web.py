"""What the load run and the faults share to speak to the stack like a browser would."""

import re

from requests.adapters import HTTPAdapter

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SourceAddressAdapter(HTTPAdapter):
    """Connects from one loopback address: nginx passes it on as the client's address, so the
    stack's per-client limits count each simulated person (or the faults' caller) apart."""

    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)
