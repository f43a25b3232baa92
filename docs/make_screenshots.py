"""Regenerate the user guide's screenshots of the result page (docs/images/result-*.png).

    PYTHONPATH=src:. .venv/bin/python docs/make_screenshots.py

It builds a throwaway SQLite database with the demo data, imports
examples/chatbot-first-draft.yaml as a proposal of Exampleshire Council, serves the site
on a spare local port, signs in as the demo proposer and photographs the result page in
Debian's Chromium, at a desktop width and at 320 CSS pixels (a phone, or 400% zoom).
Needs what `make test` installs (Chromium, Playwright, the stylesheet in var/assets).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
EXAMPLE = REPO / "examples" / "chatbot-first-draft.yaml"
PROPOSER = ("proposer.exampleshire", "coopai-demo-2026")
IMPORT = """
from coopai.web.councils.models import Membership
from coopai.web.proposals import services
member = Membership.objects.select_related("council", "user").get(
    user__username="proposer.exampleshire")
text = open({path!r}, encoding="utf-8").read()
proposal = services.proposal_import(
    council=member.council, user=member.user, text=text, file_name="chatbot-first-draft.yaml")
print(proposal.pk)
"""


def manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "coopai.cli", "manage", *args]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            with urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the site did not start at {url}")


def photograph(base: str, pk: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1500})
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", PROPOSER[0])
        page.fill("input[name=password]", PROPOSER[1])
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{base}/proposals/{pk}/result/")
        page.screenshot(path=str(IMAGES / "result-page.png"))
        page.set_viewport_size({"width": 320, "height": 1400})
        page.screenshot(path=str(IMAGES / "result-page-narrow.png"))
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'screenshots.sqlite3'}",
            "COOPAI_DEBUG": "1",
        }
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        pk = int(manage(env, "shell", "-c", IMPORT.format(path=str(EXAMPLE))).split()[-1])
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coopai.cli",
                "manage",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/public/")
            photograph(base, pk)
        finally:
            server.terminate()
            server.wait()
    for name in ("result-page.png", "result-page-narrow.png"):
        print(f"Wrote docs/images/{name} ({(IMAGES / name).stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
