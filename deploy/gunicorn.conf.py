"""gunicorn for Redflag: `gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001`.

Two instances on two ports sit behind nginx (deploy/nginx/), so one can restart while the other
serves. Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

wsgi_app = "redflag.wsgi:application"

# Sync workers: Redflag's requests are short and hold a database connection while they run.
# 2 × cores + 1 per instance is gunicorn's rule of thumb; with two instances that is a little
# more than the machine's share, which keeps one slow request (a first PDF render) from queueing
# the rest. GUNICORN_WORKERS overrides it.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))

# Each worker loads the app itself (no preload_app), so `systemctl reload redflag-web@…` (HUP)
# starts workers on the new code and retires the old ones gracefully, with the listening socket
# open all along: a deploy drops no request. A killed worker's replacement takes a second or two
# to load; the other workers serve meanwhile.
preload_app = False

# A request that takes longer than this is stuck (nothing in Redflag should take more than a few
# seconds: bulk ZIPs and reminders run on the task worker); the master kills and replaces the
# worker. On SIGTERM, requests in flight get this long to finish.
timeout = 30
graceful_timeout = 30
# nginx keeps connections to gunicorn open (upstream keepalive).
keepalive = 5

# Workers are recycled now and then, staggered, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

# Logs go to standard output and error, which systemd's journal (or the container) keeps. The
# access log adds the time taken in seconds (%(L)s) for slow-request hunting.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss "%(a)s"'

# nginx runs on the same machine; the client's address comes from X-Forwarded-For, which Django
# reads with TRUSTED_PROXY_COUNT=1 for rate limits.
forwarded_allow_ips = "127.0.0.1,::1"


def post_worker_init(worker):
    """Once a worker has loaded Redflag, before it takes a request: decode the county map's
    shapes (a 795 KB file, a fifth of a second), so the first dashboard a worker serves does not
    pay for it. A failure here only logs: the map would then decode on first use, as without."""
    try:
        from outreach import maps

        maps.warm()
    except Exception:  # a worker must start whatever the map's state
        worker.log.exception("The county map could not be prepared")
