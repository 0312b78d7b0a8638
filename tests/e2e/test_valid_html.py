"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar) finds no error."""

import json
import shutil
import subprocess

import pytest

from tests.e2e.browser import VNU_JAR, require
from tests.e2e.site import load_site

pytestmark = pytest.mark.django_db


def nu_check(files) -> list[dict]:
    """The checker's errors for the files, in one run of Java for all of them."""
    require(shutil.which("java") is not None, "Java", "apt-get install default-jre-headless")
    require(VNU_JAR.exists(), "The Nu HTML Checker", "npm ci --ignore-scripts")
    run = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout, f"the checker did not run: {run.stderr}"
    messages = json.loads(run.stdout)["messages"]
    return [message for message in messages if message["type"] in {"error", "non-document-error"}]


def test_every_public_page_type_is_valid_html(client, tmp_path):
    files = {}
    for name, address in load_site().items():
        response = client.get(address)
        assert response.status_code == (404 if name == "not-found" else 200), address
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    errors = nu_check(files.values())
    assert [
        f"{message['url'].rsplit('/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        f" in {message.get('extract', '')!r}"
        for message in errors
    ] == []


def test_the_checker_reports_invalid_markup(tmp_path):
    """The check can fail: a stray end tag and a duplicate id are errors."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>t</title><p id="a">one</div><p id="a">two</p></html>'
    )
    found = " ".join(message["message"] for message in nu_check([page]))
    assert "Duplicate ID" in found and "div" in found
