"""deploy/backup.sh and deploy/restore.sh: a backup restored into an empty database and empty
folders gives back every row and every file, on SQLite and on PostgreSQL."""

import io
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from certificates.models import Certificate
from quizzes.services import start_attempt, submit_attempt
from quizzes.testing import answers_post, make_quiz, open_all_lessons

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"

# The scripts run in another process, which sees only committed data; serialized_rollback gives the
# next tests back the migrations' data (page tree, groups) that a transactional test empties.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url(settings_dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


@pytest.fixture
def deployment(settings, tmp_path):
    """The app's environment, as backup.sh and restore.sh read it: database and file folders."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the scripts need a database file: set DATABASE_TEST_NAME")
    settings.MEDIA_ROOT = tmp_path / "media"
    return {
        "DATABASE_URL": database_url(connection.settings_dict),
        "CERTIFICATE_FILES_ROOT": str(settings.CERTIFICATE_FILES_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


@pytest.fixture
def empty_target(tmp_path):
    """An empty database and empty folders to restore into, and a way to open that database."""
    folders = {
        "CERTIFICATE_FILES_ROOT": str(tmp_path / "restored-private"),
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    if connection.vendor == "sqlite":
        import sqlite3

        path = tmp_path / "restored.sqlite3"
        yield {**folders, "DATABASE_URL": f"sqlite:///{path}"}, lambda: sqlite3.connect(path)
        return
    import psycopg
    from psycopg import sql

    settings_dict = {**connection.settings_dict, "NAME": connection.settings_dict["NAME"] + "_rt"}
    server = {**connection.settings_dict, "NAME": "postgres"}
    name = sql.Identifier(settings_dict["NAME"])
    with psycopg.connect(database_url(server), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    url = database_url(settings_dict)
    try:
        yield {**folders, "DATABASE_URL": url}, lambda: psycopg.connect(url)
    finally:
        with psycopg.connect(database_url(server), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def run(script, *args, env):
    return subprocess.run(
        [str(DEPLOY / script), *args], env={"PATH": os.environ["PATH"], **env},
        capture_output=True, text=True, timeout=60,
    )


def row_counts(db_connection) -> dict[str, int]:
    cursor = db_connection.cursor()
    counts = {}
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def files_under(folder) -> dict[str, bytes]:
    root = Path(folder)
    return {str(path.relative_to(root)): path.read_bytes()
            for path in root.rglob("*") if path.is_file()}


def test_a_backup_restored_into_an_empty_database_has_every_row_and_every_file(
    deployment, empty_target, learner, course, tmp_path
):
    # A certificate earned through the quiz, its PDF on disk, and an image and a document.
    quiz = make_quiz(course, questions=5)
    open_all_lessons(learner, course)
    attempt, _created = start_attempt(learner, quiz)
    assert submit_attempt(learner, attempt.public_id, answers_post(attempt)).attempt.passed
    certificate = Certificate.objects.get(user=learner)
    assert certificate.pdf, "the PDF is rendered once the pass is committed"
    png = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "red").save(png, "PNG")
    Image.objects.create(title="Hotline poster", file=ImageFile(png, name="poster.png"))
    Document.objects.create(title="Reporting guide", file=ContentFile(b"Call 911.", name="g.txt"))

    backup = run("backup.sh", str(tmp_path / "backups"), env=deployment)
    assert backup.returncode == 0, backup.stderr
    target_env, open_target = empty_target
    restore = run("restore.sh", backup.stdout.strip(), env=target_env)
    assert restore.returncode == 0, restore.stderr

    with connection.cursor():
        expected = row_counts(connection)
    target = open_target()
    try:
        assert row_counts(target) == expected
        cursor = target.cursor()
        cursor.execute("SELECT code, learner_name, pdf FROM certificates_certificate")
        assert cursor.fetchall() == [(certificate.code, "Learner", certificate.pdf.name)]
    finally:
        target.close()
    certificate_files = files_under(deployment["CERTIFICATE_FILES_ROOT"])
    assert certificate.pdf.name in certificate_files
    assert files_under(target_env["CERTIFICATE_FILES_ROOT"]) == certificate_files
    media_files = files_under(deployment["MEDIA_ROOT"])
    assert {"original_images/poster.png", "documents/g.txt"} <= set(media_files)
    assert files_under(target_env["MEDIA_ROOT"]) == media_files


def test_a_restore_refuses_a_database_that_already_has_tables(deployment, tmp_path):
    backup = run("backup.sh", str(tmp_path / "backups"), env=deployment)
    assert backup.returncode == 0, backup.stderr
    before = row_counts(connection)

    restore = run("restore.sh", backup.stdout.strip(), env={
        **deployment, "CERTIFICATE_FILES_ROOT": str(tmp_path / "empty-private"),
        "MEDIA_ROOT": str(tmp_path / "empty-media"),
    })
    assert restore.returncode == 1
    assert "already has tables" in restore.stderr and "--force" in restore.stderr
    assert row_counts(connection) == before
