"""What the browser tests do to a page: run axe, move by keyboard, take screenshots."""

from django.db import connection

from tests.e2e.browser import ARTIFACTS, AXE_SCRIPT, require

# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core has.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it stands, one line per element."""
    require(AXE_SCRIPT.exists(), "axe-core", "npm ci --ignore-scripts")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the debugging protocol, which the page's CSP does not
        # govern; a <script> tag would be refused, as it should be.
        page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


# What has focus, and whether a sighted keyboard user can see it: an outline or
# a ring drawn by box-shadow, on an element that takes up space.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ringed = style.boxShadow !== 'none';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
  return {
    visible: (outlined || ringed) && box.width > 0 && box.height > 0,
    description: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text.slice(0, 60)}"`,
  };
}"""


def tab_to(page, locator, *, limit: int = 250) -> None:
    """Press Tab until `locator` has focus, checking that focus is visible at every stop."""
    passed = []  # the stops on the way, for a failure message
    target = locator.first
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        assert state["visible"], f"focus is not visible on {state['description']}"
        passed.append(state["description"])
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}; it passed {passed}")


def screenshot(page, name: str) -> str:
    """Save a full-page screenshot under test-artifacts/screenshots/<database>/."""
    folder = ARTIFACTS / "screenshots" / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    # Pictures below the fold load lazily, so a whole-page shot would show gaps.
    page.evaluate(
        """() => Promise.all([...document.images].map(img => {
            img.loading = 'eager';
            return img.decode().catch(() => null);
        }))"""
    )
    page.screenshot(path=str(path), full_page=True)
    return str(path.relative_to(ARTIFACTS.parent))


def show(page, body: str) -> None:
    """Load a small page of the test's own markup, to show that a check can fail."""
    page.set_content(f'<!doctype html><html lang="en"><title>A test page</title>{body}</html>')


def log_in(page, username: str, password: str = "pw-for-tests-only") -> None:
    """Log in through the admin's own form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def pick(page, combobox, typed: str, option: str) -> None:
    """Choose in one of the admin's autocomplete pickers, as a person does: open, type, click."""
    combobox.click()
    page.locator(".select2-container--open .select2-search__field").last.fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def loaded_image(locator) -> bool:
    """The image was fetched and decoded: the reader sees a picture, not a broken icon."""
    locator.scroll_into_view_if_needed()  # a lazy picture loads once it is near the view
    # Waits for a picture still on its way (a slow machine), but not past ten seconds.
    return locator.evaluate(
        """img => img.complete ? img.naturalWidth > 0 : new Promise(resolve => {
            img.addEventListener('load', () => resolve(img.naturalWidth > 0));
            img.addEventListener('error', () => resolve(false));
            setTimeout(() => resolve(false), 10000);
        })"""
    )
