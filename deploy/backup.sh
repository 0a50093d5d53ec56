#!/usr/bin/env bash
# Writes one backup of Redflag into DEST_DIR/redflag-<UTC time>/: the database, the certificate
# files (PDFs, bulk ZIPs), the media files (Wagtail images and documents), a manifest and checksums.
# Safe while the app runs. Usage: deploy/backup.sh DEST_DIR (or BACKUP_DIR in the environment),
# with the app's environment (DATABASE_URL, CERTIFICATE_FILES_ROOT, MEDIA_ROOT) loaded.
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"

dest=${1:-${BACKUP_DIR:-}}
[ -n "$dest" ] || die "usage: $0 DEST_DIR"
# Backups hold people's names and certificates: readable by their owner only.
umask 077
mkdir -p "$dest"
name=redflag-$(date -u +%Y%m%dT%H%M%SZ)
[ ! -e "$dest/$name" ] || die "$dest/$name already exists"
# Written under a hidden name and renamed when complete, so a backup cut short is never taken
# for a whole one.
work=$dest/.$name.partial
mkdir "$work"
trap 'rm -rf "$work"' EXIT

# The database first, the files after: a PDF is stored before the row that names it is saved, so
# every file the dumped database refers to is already complete on disk when the files are read.
if [ "$database_kind" = postgresql ]; then
  # One snapshot, consistent however many requests write meanwhile.
  pg_dump --format=custom --file="$work/database.pgdump" --dbname="$database_url"
  database_file=database.pgdump
else
  [ -f "$sqlite_file" ] || die "no SQLite database at $sqlite_file"
  # SQLite's online backup API copies a consistent snapshot; copying the file (and its -wal) by
  # hand during a write would not be.
  sqlite_copy "$sqlite_file" "$work/database.sqlite3"
  database_file=database.sqlite3
fi

# A tar of each folder's contents; a folder that does not exist yet gives an empty tar.
archive() {
  if [ -d "$2" ]; then
    # Exit status 1 only means a file changed while it was read (a bulk ZIP being built): the
    # database copy already taken does not refer to it as finished, so that is not a failure.
    tar -C "$2" -czf "$work/$1" --warning=no-file-changed . || [ $? -eq 1 ]
    find "$2" -type f | wc -l
  else
    tar -czf "$work/$1" --files-from=/dev/null
    echo 0
  fi
}
certificate_count=$(archive certificate-files.tar.gz "$certificate_files")
media_count=$(archive media.tar.gz "$media_files")

cat >"$work/manifest.txt" <<EOF
Redflag backup $name
created: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)
database: $database_kind ($database_file)
certificate files: $certificate_count from $certificate_files
media files: $media_count from $media_files
EOF
# restore.sh checks these before it changes anything.
(cd "$work" && sha256sum "$database_file" certificate-files.tar.gz media.tar.gz >SHA256SUMS)

mv "$work" "$dest/$name"
trap - EXIT
echo "$dest/$name"
