"""Headless Chromium, driven by Playwright, against pytest-django's live server.

The live server runs in this process on the test database (SQLite or
PostgreSQL, whichever the suite runs on), with DEBUG off as in production, and
serves static and media files itself.

Playwright's synchronous API runs an event loop in the test's thread while it
is open. Django then gives that thread other database connections, and refuses
ORM calls there (SynchronousOnlyOperation). So a test sets its data up first,
opens the browser with `with browser() as open_page:`, and checks the database
after the block has closed it.
"""

import contextlib

import pytest

from tests.e2e.browser import CHROMIUM_ARGS, chromium_path, require

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser(live_server):
    path = chromium_path()
    require(path is not None, "Chromium", "apt-get install chromium, or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    @contextlib.contextmanager
    def open_browser():
        errors = []
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)

            def open_page(viewport=DESKTOP, **options):
                """A page in a fresh context (no cookies), on the live server."""
                # The site's Content-Security-Policy is enforced: whatever it refuses
                # is a console error, and fails the test.
                context = chromium.new_context(
                    base_url=live_server.url, viewport=viewport, **options
                )
                context.set_default_timeout(15_000)
                page = context.new_page()
                page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
                page.on("console", lambda message: _console_error(message, errors, page))
                page.on("response", lambda response: _broken_part(response, errors))
                return page

            try:
                yield open_page
            finally:
                chromium.close()
        assert not errors, "the browser reported errors:\n" + "\n".join(errors)

    return open_browser


def _console_error(message, errors, page):
    # A failed load is reported by _broken_part, which knows whether it was expected.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        where = message.location
        errors.append(
            f"console on {page.url}: {message.text} ({where['url']}:{where['lineNumber']})"
        )


def _broken_part(response, errors):
    """A stylesheet, script, image or icon the page asked for and did not get.

    A page itself may answer 404 when that is the point of the test.
    """
    if response.status >= 400 and response.request.resource_type != "document":
        errors.append(f"{response.status} for {response.url}")
