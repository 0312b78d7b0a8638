"""Where the browser tests find their tools, and what they do when one is missing.

Chromium comes from Debian's package (Playwright's own browser download does not
work here); axe-core and the Nu HTML Checker come from the npm registry
(`package.json`). On a developer's machine without them the tests are skipped
with the reason; under CI (`CI` set) a missing tool fails the run instead, so CI
can never pass by skipping them.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# As the machine's own browser checks start it: no sync, no background fetches
# (this machine's network is closed, and they would only fail), no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    named = os.environ.get("CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require(available: bool, what: str, how: str) -> None:
    """Skip (on a developer's machine) or fail (under CI) when a tool is missing."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} not found ({how}): CI must run this test", pytrace=False)
    pytest.skip(f"{what} not found, so this test is skipped ({how})")
