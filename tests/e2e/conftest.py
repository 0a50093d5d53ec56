"""End-to-end journeys: a person's path through Redflag in a real browser.

How to run
----------
    .venv/bin/python -m pytest tests/e2e -m browser          # every journey, phone and desktop
    .venv/bin/python -m pytest tests/e2e -m browser -k phone # one width only

The tests drive Debian's Chromium (``/usr/bin/chromium``, from ``make system-deps``) through
Playwright for Python. Playwright's own browser downloads are never used (``playwright install``
is not needed and must not be run): without ``/usr/bin/chromium`` every test here skips with the
reason. pytest-django's ``live_server`` serves the app from this process, so a test can read
``django.core.mail.outbox`` and the database while the browser clicks.

Each journey runs at two widths: ``phone`` (390x844, touch) and ``desktop`` (1280x900). Every step
saves a screenshot to ``tests/screenshots/<journey>/<width>-<nn>-<step>.png`` (git-ignored), so a
reviewer can see the pages a learner sees; the folder is refilled on each run.

Writing a new journey
---------------------
* ``width``: parametrised fixture (``phone``, ``desktop``); take it and the journey runs at both.
* ``page_at(width)``: a fresh browser context and page for that width, aimed at the live server, so
  ``page.goto("/courses/")`` works. It fails the test if the page throws a JavaScript error, a
  request answers 5xx, a stylesheet, script, image or font is missing, or the browser reports a
  Content Security Policy violation (in the page or any frame in it).
* ``shot(page, "step-name")``: numbered screenshot of the whole page for the current journey; it
  then runs ``check_a11y(page)``, so every photographed step is also checked for accessibility.
* ``check_a11y(page)``: runs axe-core (``tests/e2e/vendor/axe.min.js``, MPL-2.0, never served to
  users) on the page and fails the test on any WCAG 2.1 A or AA violation, listing each rule, its
  impact, the elements and how to fix it. Call it directly for a state no screenshot records.
* ``demo_site``: the demo home page and the four demo courses (``courses.demo``), published.
* ``sign_in(page, email, password)``: signs in through the sign-in form, typing the TOTP code
  staff are asked for (the demo key, or ``totp_secret=``).
* ``signup_and_verify(page, email=..., password=..., profile=...)``: the whole sign-up, including
  the emailed verification code; returns the new user.
* Locate by role and label (``get_by_role``, ``get_by_label``): a control that cannot be found that
  way cannot be found by a screen-reader user either.

Browser tests need ``transactional_db`` (the server thread must see committed data), which empties
the database after each test. These fixtures reload what the migrations created (stakeholder groups,
roles, Wagtail's root page) before each journey and again after the last one, so tests that run
later still find it.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from . import journeys

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"

WIDTHS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# A slow step on a busy two-core machine should not fail a journey; a broken one fails in seconds.
TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # transactional_db ends by emptying every table, migration data included; put it back so the
    # tests after a browser journey find the stakeholder groups, roles and page tree they expect.
    # The last test's teardown also destroys the test database: nothing to restore then. A next test
    # with serialized rollback (every browser journey) reloads the data itself: no need twice.
    try:
        return (yield)
    finally:
        if (
            "demo_site" in getattr(item, "fixturenames", ())
            and nextitem is not None
            and not _reloads_migration_data(nextitem)
        ):
            _restore_migration_data(item.config)


def _reloads_migration_data(item):
    marker = item.get_closest_marker("django_db")
    return "django_db_serialized_rollback" in getattr(item, "fixturenames", ()) or bool(
        marker and marker.kwargs.get("serialized_rollback")
    )


def _restore_migration_data(config):
    from django.contrib.contenttypes.models import ContentType
    from pytest_django.plugin import blocking_manager_key

    # Between tests pytest-django blocks database access; this is the test's own cleanup.
    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            # Loading over rows still there would collide; only an emptied database needs it.
            if contents and not ContentType.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM} (make system-deps).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Browser tests need Playwright for Python (pip install -e '.[test]').")
    # Playwright's sync API leaves its event loop marked as running in this thread, and Django then
    # hands this thread a second set of database connections (its "async" ones). pytest-django set
    # up the first set: its serialized migration data and flushes live there. Keep one set.
    django_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, connection in django_connections.items():
        connections[alias] = connection
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as error:  # a Chromium that cannot start is a missing dependency, not a bug
        playwright.stop()
        pytest.skip(f"Chromium at {CHROMIUM} did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


ASSET_TYPES = {"stylesheet", "script", "image", "font"}


# Runs in every document and frame before its own scripts: each Content Security Policy violation
# is handed to the test, with what was blocked and where.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} on ${event.documentURI}`
    + ` at ${event.sourceFile || "?"}:${event.lineNumber} ${event.sample || ""}`.trimEnd()
  );
}, true);
"""


@dataclass
class PageProblems:
    """What went wrong inside the page while the test looked elsewhere."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page):
        page.on("pageerror", lambda error: self.errors.append(f"JavaScript error: {error}"))
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.expose_function("reportCspViolation", self._on_csp_violation)
        page.add_init_script(REPORT_CSP_VIOLATIONS)

    def _on_console(self, message):
        # Chromium logs each refusal ("Refused to frame …"), including ones no event reports.
        if "Content Security Policy" in message.text:
            self.errors.append(f"Content Security Policy, console: {message.text}")

    def _on_csp_violation(self, description):
        self.errors.append(f"Content Security Policy violation: {description}")

    def _on_response(self, response):
        request = response.request
        if response.status >= 500:
            self.errors.append(f"{response.status} from {request.method} {response.url}")
        elif response.status >= 400 and request.resource_type in ASSET_TYPES:
            self.errors.append(f"{response.status} for {request.resource_type} {response.url}")


@pytest.fixture
def page_at(browser, live_server, demo_site):
    """``page_at("phone")`` opens a page in a new context of that size, aimed at the live server."""
    opened = []

    def open_page(width):
        options = WIDTHS[width]
        context = browser.new_context(base_url=live_server.url, locale="en-US", **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        page = context.new_page()
        problems = PageProblems()
        problems.watch(page)
        opened.append((context, problems))
        return page

    yield open_page
    problems = [error for _context, found in opened for error in found.errors]
    for context, _problems in opened:
        context.close()
    assert not problems, "The browser saw problems:\n" + "\n".join(problems)


# --- screenshots -----------------------------------------------------------------------------


class Shooter:
    """Numbered full-page screenshots: tests/screenshots/<journey>/<width>-<nn>-<step>.png."""

    def __init__(self, journey):
        self.journey = journey
        self.counts = {}

    def __call__(self, page, name):
        width = _width_name(page)
        folder = SCREENSHOTS / self.journey
        if width not in self.counts:
            # Each width's series starts afresh: a dropped step leaves no stale picture behind.
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob(f"{width}-*.png"):
                old.unlink()
            self.counts[width] = 0
        self.counts[width] += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = folder / f"{width}-{self.counts[width]:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        check_a11y(page)
        return path


def _width_name(page):
    size = page.viewport_size or {}
    for name, options in WIDTHS.items():
        if options["viewport"]["width"] == size.get("width"):
            return name
    return str(size.get("width", "unknown"))


@pytest.fixture
def shot(request):
    """``shot(page, "step")``; the journey's folder is the test's name without ``test_``."""
    return Shooter(request.node.originalname.removeprefix("test_"))


# --- accessibility ---------------------------------------------------------------------------

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Wagtail's own markup (and wagtail-localize's), which Redflag cannot change: (path prefix,
# selector). Only their elements belong here, never Redflag's templates; each is excluded only
# where it shows.
WAGTAIL_EXCLUDES = [
    # Draftail, Wagtail's rich-text editor, gives its contenteditable textbox no accessible name:
    # the field's <label> points at a hidden input Wagtail keeps in step with the editor.
    (
        "/admin/",
        ".Draftail-Editor .public-DraftEditor-content:not([aria-label], [aria-labelledby])",
    ),
    # A ListBlock renders each plain field child (a list of CharBlocks) with no <label> of its own;
    # the list's heading names it. Struct children inside a list keep their labels and are checked.
    (
        "/admin/",
        "[data-streamfield-list-container] .w-panel__content > .w-field__wrapper > .w-field"
        " > .w-field__input > input",
    ),
    # wagtail-localize's translation editor (a page's edit view, for a translation) colours the
    # name of each field it lists ("Title", "Text") with a background colour of Wagtail's: 2.67:1.
    ("/admin/", ".js-translation-editor section > ul > li > h3"),
    # The box it opens to type a translation in has no name; the English above it says what to
    # translate.
    ("/admin/", ".js-translation-editor textarea:not([aria-label], [aria-labelledby])"),
    # Its "Upload PO file" button opens a file input it hides; the input itself has no label.
    ("/admin/", '.js-translation-editor form[enctype="multipart/form-data"] > input[type="file"]'),
    # Wagtail's user bar, shown to staff on Redflag's own pages: its menu fades in, and axe can
    # measure an item half-way through the fade (2.15:1 one run, fine the next).
    ("/", "wagtail-userbar"),
]


def check_a11y(page):
    """Fails the test if axe-core finds a WCAG 2.1 A/AA violation on the page as it is now."""
    # page.add_script_tag would insert an inline <script>, which the Content Security Policy blocks
    # (and the conftest reports). page.evaluate runs in the page's main world through the DevTools
    # protocol, outside the policy's reach, so the page under test keeps its real policy.
    # Wagtail's admin and user bar bundle their own axe as window.axe and run it on their own
    # schedule; sharing it would make the two runs collide ("Axe is already running"). Ours lives
    # under its own name and Wagtail's is put back.
    if not page.evaluate("() => Boolean(window.redflagAxe)"):
        page.evaluate("() => { window.redflagTheirAxe = window.axe; }")
        page.evaluate(_axe_source())
        page.evaluate(
            """() => {
              window.redflagAxe = window.axe;
              window.axe = window.redflagTheirAxe;
              delete window.redflagTheirAxe;
            }"""
        )
    path = page.evaluate("() => location.pathname")
    exclude = [[selector] for prefix, selector in WAGTAIL_EXCLUDES if path.startswith(prefix)]
    violations = page.evaluate(
        """async ({tags, exclude}) => {
          // Colours are measured as they are painted: let fades (Wagtail's messages) end first.
          // Only running ones that end, and never longer than two seconds.
          const ending = document.getAnimations().filter((animation) =>
            animation.playState === "running"
            && animation.effect?.getComputedTiming().endTime !== Infinity
          );
          await Promise.race([
            Promise.all(ending.map((animation) => animation.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
          ]);
          const context = exclude.length ? {include: [document], exclude} : document;
          const options = {runOnly: {type: "tag", values: tags}};
          const results = await window.redflagAxe.run(context, options);
          return results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
          }));
        }""",
        {"tags": AXE_TAGS, "exclude": exclude},
    )
    assert not violations, f"Accessibility violations on {page.url}:\n" + "\n".join(
        _describe_violation(violation) for violation in violations
    )


def _describe_violation(violation):
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join((node["summary"] or "").split())
        lines.append(f"    {node['target']}: {summary}")
    lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


_AXE_CACHE = {}


def _axe_source():
    if "source" not in _AXE_CACHE:
        _AXE_CACHE["source"] = AXE_SOURCE.read_text(encoding="utf-8")
    return _AXE_CACHE["source"]


# --- demo data -------------------------------------------------------------------------------


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """The demo home page and the four demo courses, as ``make run`` shows them."""
    from courses.demo import seed_courses, seed_site

    home = seed_site()
    seed_courses(home)
    return home


# --- journeys other tests reuse --------------------------------------------------------------


@pytest.fixture
def signup_and_verify(shot):
    """``signup_and_verify(page, email=..., profile={...})``: see journeys.signup_and_verify."""

    def run(page, **kwargs):
        kwargs.setdefault("shot", shot)
        return journeys.signup_and_verify(page, **kwargs)

    return run


@pytest.fixture
def sign_in():
    """``sign_in(page, email, password)``: signs in through the form."""
    return journeys.sign_in
