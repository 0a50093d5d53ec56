"""Spanish interface: learners who choose Spanish get the whole UI in Spanish, not a mix."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def _spanish(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()


def test_the_home_page_speaks_spanish_to_a_spanish_browser(client, home, course_index):
    html = _spanish(client, "/")
    assert '<html lang="es">' in html
    assert "Registrarse y comenzar" in html
    assert "Elija su lugar de trabajo" in html
    assert "La regla más importante" in html
    assert "no confronte a nadie y no intente un rescate" in html
    assert "Saltar al contenido principal" in html
    assert "Sign up and start" not in html


def test_the_footer_hotline_keeps_its_numbers_in_spanish(client, home):
    html = _spanish(client, "/")
    assert "Línea Nacional contra la Trata de Personas" in html
    assert '<a href="tel:18883737888">1-888-373-7888</a>' in html
    assert 'llame al <a href="tel:911">911</a>' in html


def test_choosing_spanish_in_the_footer_switches_the_site_and_stays(client, home):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert "Elija su lugar de trabajo" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Pick your workplace" in client.get("/").content.decode()


def test_the_sign_up_steps_ask_for_the_account_and_the_profile_in_spanish(client, home):
    from .conftest import make_user

    html = _spanish(client, "/accounts/signup/")
    assert '<html lang="es">' in html
    assert "Su nombre tal como debe aparecer en su certificado." in html
    assert "Your name as it should appear" not in html
    client.force_login(make_user("nuevo@example.org"))
    html = _spanish(client, "/accounts/profile/")
    assert "Paso 2 de 2" in html
    assert "Elija su tipo de lugar de trabajo" in html
    assert "Elija un estado" in html and "Elija un condado" in html
    assert "por ejemplo: camarista, lector de medidores, enfermera de urgencias, maestro" in html
    html = client.post("/accounts/profile/", {"state": "CA", "county": "Clark"},
                       HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Hay problemas en este formulario" in html
    assert "Elija un condado de California." in html


def test_a_lesson_page_shows_its_navigation_in_spanish(client, lessons):
    html = _spanish(client, lessons[0].url)
    assert '<html lang="es">' in html
    assert "Lección 1 de 3" in html
    assert 'aria-label="Ruta de navegación"' in html
    assert "Cursos" in html
    assert "Lesson 1 of 3" not in html


def test_english_stays_the_default_without_a_language_choice(client, home):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Pick your workplace" in html


def _po_entries(text):
    """(msgid, [msgstr, ...]) pairs from a .po file, joining continued string lines."""
    entries, current, key = [], None, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r'^(msgid|msgid_plural|msgctxt|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if match:
            key, value = match.groups()
            if key == "msgid":
                current = {"msgid": value, "msgstr": []}
                entries.append(current)
            elif key.startswith("msgstr"):
                current["msgstr"].append(value)
            else:
                current[key] = value
        elif line.startswith('"'):
            if key.startswith("msgstr"):
                current["msgstr"][-1] += line[1:-1]
            else:
                current[key] = current.get(key, "") + line[1:-1]
    return entries


def test_every_interface_string_has_a_spanish_translation():
    text = PO_FILE.read_text(encoding="utf-8")
    entries = _po_entries(text)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert len(messages) > 700
    untranslated = [e["msgid"] for e in messages if not all(e["msgstr"])]
    assert untranslated == []
    assert "#, fuzzy" not in text
    # Every plural gives as many forms as the header's Plural-Forms counts (Spanish: three).
    forms = int(re.search(r"nplurals=(\d+)", header["msgstr"][0]).group(1))
    short = [e["msgid"] for e in messages if "msgid_plural" in e and len(e["msgstr"]) != forms]
    assert short == []


def test_the_compiled_catalogue_holds_every_translation_in_the_po_file():
    # The .mo is committed so that deployments need no gettext; a stale one would hide new strings.
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    compiled = {key[0] if isinstance(key, tuple) else key for key in catalogue._catalog}
    messages = _po_entries(PO_FILE.read_text(encoding="utf-8"))[1:]
    assert {e["msgid"].replace("\\n", "\n").replace('\\"', '"') for e in messages} <= compiled
    assert catalogue.gettext("Pick your workplace") == "Elija su lugar de trabajo"
    plural = catalogue.ngettext("%(count)s question", "%(count)s questions", 3)
    assert plural == "%(count)s preguntas"


def test_the_language_switcher_names_each_language_in_itself(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="es" lang="es" selected>Español</option>' in html


def test_one_passed_attempt_is_aprobado_and_the_report_column_aprobados():
    from django.utils import translation

    with translation.override("es"):
        assert translation.pgettext("one attempt", "Passed") == "Aprobado"
        assert translation.gettext("Passed") == "Aprobados"
