"""The accessibility check itself: it must fail on what it exists to catch, readably."""

import pytest

from .conftest import check_a11y

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_check_a11y_names_each_violation_and_passes_a_clean_page(page_at):
    page = page_at("phone")
    page.goto("/")
    check_a11y(page)  # the home page is clean, and evaluating axe trips no policy

    # The page keeps the site's Content Security Policy, so the broken markup has no inline style.
    page.set_content(
        '<html lang="en"><head><title>Broken</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" id="unnamed"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        check_a11y(page)
    report = str(failure.value)
    for rule in ("image-alt", "label"):
        assert f"- {rule} (" in report
    assert "#unnamed" in report
    assert "https://dequeuniversity.com/rules/axe/" in report
