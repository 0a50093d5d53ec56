"""Error pages that never need the database.

A request that fails because PostgreSQL is unreachable (a restart, a failover, a full connection
table) is not a bug: the person should try again in a moment, and a load balancer or a retrying
client should be told so. Django routes every uncaught exception, from a view or a middleware, to
the 500 handler while the exception is being handled, so the handler can tell the two apart and
answer 503 with Retry-After for the database's errors. Neither page touches the database: they
are rendered without the request's context processors, which read settings from it.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

RETRY_AFTER_SECONDS = 15

# OperationalError: the server cannot be reached or dropped the connection; InterfaceError: the
# connection was already closed. IntegrityError, ProgrammingError and the rest are bugs: 500.
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, UNAVAILABLE):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request, template_name="500.html"):
    """handler500: 503 "try again in a moment" when the database is away, else the 500 page."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string(template_name))


@require_safe
@never_cache
def health(request):
    """"ok" when the database answers a query, else 503: what a load balancer, a systemd watchdog
    or a container health check asks before sending people here. Nothing else is read."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok\n", content_type="text/plain")
