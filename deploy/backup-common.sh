# Sourced by backup.sh and restore.sh: where the data is, read from the app's own environment, with
# the same defaults as site/settings.py, so a backup takes exactly what the app is using.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
certificate_files=${CERTIFICATE_FILES_ROOT:-$repo/var/private}
media_files=${MEDIA_ROOT:-$repo/var/media}
database_url=${DATABASE_URL:-sqlite:///$repo/db.sqlite3}

# The project's Python when installed (the container has no .venv): SQLite's backup API comes with
# Python's standard library, so no sqlite3 command-line package is needed.
python=$repo/.venv/bin/python
[ -x "$python" ] || python=python3

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# sqlite_copy SOURCE TARGET: SQLite's online backup API, a consistent snapshot of SOURCE written
# over TARGET whole (journal included), even while Redflag writes to SOURCE.
sqlite_copy() {
  "$python" - "$1" "$2" <<'PYTHON'
import sqlite3, sys
source = sqlite3.connect(sys.argv[1])
target = sqlite3.connect(sys.argv[2])
source.backup(target)
target.close()
source.close()
PYTHON
}

case $database_url in
  postgres://* | postgresql://*)
    database_kind=postgresql ;;
  sqlite:///*)
    database_kind=sqlite
    # dj-database-url reads sqlite:///db.sqlite3 as a path relative to the working directory,
    # which is the repository for manage.py and gunicorn alike; sqlite:////abs/path is absolute.
    sqlite_file=${database_url#sqlite:///}
    [[ $sqlite_file = /* ]] || sqlite_file=$repo/$sqlite_file ;;
  *)
    die "DATABASE_URL must be postgres://… or sqlite:///path, not ${database_url%%:*}://…" ;;
esac
