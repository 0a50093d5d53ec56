#!/usr/bin/env bash
# Restores a backup written by backup.sh into the database DATABASE_URL names and the folders
# CERTIFICATE_FILES_ROOT and MEDIA_ROOT, with the app stopped. Usage: deploy/restore.sh [--force]
# BACKUP_DIR. A PostgreSQL database must exist first (createdb -O redflag redflag); SQLite's file
# is created. It refuses a database with tables or a folder with files in it unless --force, which
# replaces what the backup holds and leaves anything else in place.
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"

force=0
if [ "${1:-}" = --force ]; then force=1; shift; fi
[ $# -eq 1 ] || die "usage: $0 [--force] BACKUP_DIR"
backup=$(cd "$1" && pwd)

# A damaged or half-copied backup stops here, before anything is changed.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || die "$backup fails its checksums"
if [ -f "$backup/database.pgdump" ]; then backup_kind=postgresql; else backup_kind=sqlite; fi
[ "$backup_kind" = "$database_kind" ] ||
  die "the backup holds a $backup_kind database but DATABASE_URL is $database_kind"

# Every refusal comes before the first change, so a refused restore leaves everything as it was.
if [ "$database_kind" = postgresql ]; then
  tables=$(psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$database_url" --command \
    "select count(*) from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema')") ||
    die "cannot open the target database: create it first (createdb), then run this again"
else
  tables=0
  if [ -f "$sqlite_file" ]; then
    tables=$("$python" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master").fetchone()[0])' \
      "$sqlite_file")
  fi
fi
if [ "$tables" -gt 0 ] && [ $force -eq 0 ]; then
  die "the target database already has tables ($tables); restore into an empty one, or use --force"
fi
for folder in "$certificate_files" "$media_files"; do
  if [ -d "$folder" ] && [ -n "$(find "$folder" -mindepth 1 -print -quit)" ] && [ $force -eq 0 ]
  then die "$folder is not empty; restore into empty folders, or use --force"; fi
done

if [ "$database_kind" = postgresql ]; then
  # One transaction: a failure leaves the database as it was. Owners and grants are the old
  # server's; the objects belong to whoever restores (the app's own database user).
  clean=(); [ $force -eq 1 ] && clean=(--clean --if-exists)
  pg_restore --no-owner --no-acl --exit-on-error --single-transaction "${clean[@]}" \
    --dbname="$database_url" "$backup/database.pgdump"
else
  mkdir -p "$(dirname "$sqlite_file")"
  # The backup API replaces the whole database, its journal included, in one step.
  sqlite_copy "$backup/database.sqlite3" "$sqlite_file"
fi

# Files belong to whoever restores (run this as the app's user), not to the backup's old owners.
mkdir -p "$certificate_files" "$media_files"
tar -C "$certificate_files" --no-same-owner -xzf "$backup/certificate-files.tar.gz"
tar -C "$media_files" --no-same-owner -xzf "$backup/media.tar.gz"

echo "Restored $backup. If this code is newer than the backup, run manage.py migrate."
