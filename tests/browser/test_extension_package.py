"""The extension's packaging: one manifest for Chromium and Firefox, zips from
scripts/pack-extension, `web-ext lint` clean on the Firefox zip, and complete locale files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EDITORS_DIR, EXTENSION_DIR, ROOT, node_tool

MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_serves_both_browsers() -> None:
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["background"]["service_worker"] == "background.js"
    assert MANIFEST["background"]["scripts"][-1] == "background.js"
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"]
    assert MANIFEST["browser_specific_settings"]["gecko"]["strict_min_version"]
    assert MANIFEST["default_locale"] == "sv"
    assert MANIFEST["key"]
    assert "storage" in MANIFEST["permissions"]
    hosts = MANIFEST["host_permissions"]
    for site in ("facebook.com", "x.com", "twitter.com", "linkedin.com", "instagram.com"):
        assert any(site in h for h in hosts), site
    assert "http://127.0.0.1/*" in hosts and "http://localhost/*" in hosts
    assert MANIFEST["optional_host_permissions"]


def test_content_script_lists_agree() -> None:
    """The static content script and the one registered for added sites load the same files."""
    sites_js = (EXTENSION_DIR / "lib/sites.js").read_text(encoding="utf-8")
    listed = re.search(r"CONTENT_JS = Object\.freeze\(\[(.*?)\]\)", sites_js, re.S)
    assert listed
    assert re.findall(r'"([^"]+)"', listed.group(1)) == MANIFEST["content_scripts"][0]["js"]
    for path in MANIFEST["content_scripts"][0]["js"] + MANIFEST["background"]["scripts"]:
        assert (EXTENSION_DIR / path).is_file(), path


def used_message_keys() -> set[str]:
    keys: set[str] = set()
    for path in EXTENSION_DIR.rglob("*"):
        if path.suffix not in {".js", ".html", ".json"} or "_locales" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'\bt\("([A-Za-z_]+)"', text))
        keys |= set(re.findall(r'data-i18n(?:-placeholder|-title)?="([A-Za-z_]+)"', text))
        keys |= set(re.findall(r"__MSG_([A-Za-z_]+)__", text))
    return keys


def test_locales_are_complete() -> None:
    sv = json.loads((EXTENSION_DIR / "_locales/sv/messages.json").read_text(encoding="utf-8"))
    en = json.loads((EXTENSION_DIR / "_locales/en/messages.json").read_text(encoding="utf-8"))
    assert sv.keys() == en.keys()
    missing = used_message_keys() - sv.keys()
    assert not missing
    kinds = ["offline", "too_long", "unauthorised", "consent_needed", "site_disabled", "paused",
             "server_error", "bad_request", "not_allowed"]
    assert {f"error_{k}" for k in kinds} <= sv.keys()


def test_pack_and_web_ext_lint(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    subprocess.run([sys.executable, str(ROOT / "scripts/pack-extension"), "--out", str(out)],
                   check=True, timeout=60)
    with zipfile.ZipFile(out / "tonkoll-chromium.zip") as zf:
        chromium = json.loads(zf.read("manifest.json"))
        chromium_files = set(zf.namelist())
    with zipfile.ZipFile(out / "tonkoll-firefox.zip") as zf:
        firefox = json.loads(zf.read("manifest.json"))
        firefox_files = set(zf.namelist())
        zf.extractall(tmp_path / "firefox")
    assert chromium == MANIFEST
    with zipfile.ZipFile(out / "tonkoll-chrome-web-store.zip") as zf:
        store = json.loads(zf.read("manifest.json"))
        assert set(zf.namelist()) == chromium_files
    assert "key" not in store and {k: v for k, v in MANIFEST.items() if k != "key"} == store
    assert "key" not in firefox and "service_worker" not in firefox["background"]
    assert firefox["background"]["scripts"] == MANIFEST["background"]["scripts"]
    assert chromium_files == firefox_files
    assert {"manifest.json", "background.js", "_locales/sv/messages.json"} <= chromium_files

    web_ext = node_tool("web-ext")
    result = subprocess.run(
        [str(web_ext), "lint", "--source-dir", str(tmp_path / "firefox"), "--output", "json",
         "--no-input"],
        capture_output=True, text=True, timeout=120, cwd=EDITORS_DIR,
        env={**os.environ, "NO_UPDATE_NOTIFIER": "1"},
    )
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    assert report["warnings"] == [], report["warnings"]


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(EXTENSION_DIR).as_posix() for p in EXTENSION_DIR.rglob("*.js")))
def test_scripts_parse(path: str) -> None:
    """Every script is valid JavaScript for node's parser (a cheap guard before the browser)."""
    subprocess.run(["node", "--check", str(EXTENSION_DIR / path)], check=True, timeout=30)


def test_managed_schema_matches_what_settings_read() -> None:
    """IT's policy keys (managed_schema.json) are the ones lib/settings.js reads, and the
    built-in sites in the schema are the extension's built-in sites."""
    assert MANIFEST["storage"]["managed_schema"] == "managed_schema.json"
    schema = json.loads((EXTENSION_DIR / "managed_schema.json").read_text(encoding="utf-8"))
    settings_js = (EXTENSION_DIR / "lib/settings.js").read_text(encoding="utf-8")
    read = set(re.findall(r"\bit\.([A-Za-z]+)", settings_js))
    assert read == set(schema["properties"]) == {"serverUrl", "token", "sites", "customSites"}
    builtin = set(re.findall(r'\{ id: "([a-z]+)"', settings_js))
    assert set(schema["properties"]["sites"]["properties"]) == builtin


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_store_listing_and_privacy_page(lang: str) -> None:
    store = ROOT / "docs" / "store"
    listing = (store / f"listing.{lang}.md").read_text(encoding="utf-8")
    short = re.search(r"\*\*(?:Kort beskrivning|Short description)\*\*[^\n]*\n(.+)", listing)
    assert short and 20 < len(short.group(1).strip()) <= 132
    privacy = (store / f"privacy.{lang}.md").read_text(encoding="utf-8")
    assert "Alt+Shift+T" in listing and len(privacy) > 800
