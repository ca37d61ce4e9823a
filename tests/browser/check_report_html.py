#!/usr/bin/python3
"""report.html in a real browser (Debian's chromium, headless, driven over the DevTools protocol).

Runs `phusong analyze` on the demo (60 m, with the demo's targets), opens its report.html from
file:// and checks, against the run's own files read here:
  - no console error, no uncaught exception, no request other than file: and data: URLs;
  - one rendered village marker per village of places.csv;
  - the targets table shows the PASS/FAIL of summary.json, target by target;
  - toggling a layer in the layer switcher changes the map (its pixels and its overlay images);
  - villages stay on top (and clickable) when a commune layer is switched on after them;
  - clicking a village in the villages table opens its popup on the map;
  - a Vietnamese name renders with its diacritics (the DOM holds it exactly as places.csv);
  - the screenshot is not blank; it is saved as ARTEFACT.

Usage: check_report_html.py PHUSONG DEMO_INI TARGETS_INI WORK_DIR ARTEFACT   (exit 0 when all hold)
"""
import base64
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import numpy as np
import websocket
from osgeo import gdal

gdal.UseExceptions()


class Browser:
    """Headless chromium with one page, spoken to over the DevTools protocol."""

    def __init__(self, profile):
        chromium = shutil.which("chromium") or sys.exit("FAIL: chromium is not installed (scripts/install-deps.sh installs it)")
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={profile}",
             "--window-size=1400,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                sys.exit("FAIL: chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        pages = []
        while not pages:
            pages = [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list")) if t["type"] == "page"]
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    sys.exit(f"FAIL: {method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, method, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.socket.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.socket.recv()))
        sys.exit(f"FAIL: no {method} within {seconds} s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            sys.exit(f"FAIL: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self):
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def pixels(png_bytes, work, name):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(png_bytes)
    return gdal.Open(path).ReadAsArray()[:3].astype(np.int16)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    phusong, ini, targets, work, artefact = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    run = os.path.join(work, "run")
    status = subprocess.run([phusong, "analyze", "--config", ini, "--resolution-m", "60", "--targets", targets, "--out", run,
                             "--quiet"], capture_output=True, text=True)
    if status.returncode not in (0, 3):  # 3: targets not met, which the page must show
        sys.exit(f"FAIL: phusong analyze exited {status.returncode}: {status.stderr}")
    with open(os.path.join(run, "places.csv"), encoding="utf-8", newline="") as f:
        villages = [r for r in csv.DictReader(f) if r["kind"] == "village"]
    with open(os.path.join(run, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    failures = []
    size_mb = os.path.getsize(os.path.join(run, "report.html")) / 1e6
    if size_mb > 20:
        failures.append(f"report.html is {size_mb:.1f} MB, over 20 MB")

    browser = Browser(tempfile.mkdtemp(prefix="phusong-chromium-", dir=work))
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable")
        browser.call("Page.navigate", url="file://" + os.path.abspath(os.path.join(run, "report.html")))
        browser.wait_for("Page.loadEventFired")
        if browser.evaluate("document.body.getAttribute('data-ready')") != "true":
            failures.append("the page's script did not finish (data-ready is not set)")
        time.sleep(1.0)  # let image overlays decode and paint

        markers = browser.evaluate("document.querySelectorAll('path.phusong-village').length")
        if markers != len(villages):
            failures.append(f"{markers} village markers rendered, places.csv has {len(villages)} villages")

        shown = browser.evaluate("Array.from(document.querySelectorAll('table[data-table=targets] tbody tr'))"
                                 ".map(tr => [tr.cells[0].textContent, tr.cells[4].textContent])")
        expected = [[t["metric"], "PASS" if t["passed"] else "FAIL"] for t in summary["targets"]]
        if not expected:
            failures.append("the demo run checked no targets")
        if shown != expected:
            failures.append(f"targets table shows {shown}, summary.json says {expected}")

        accented = next((v["name"] for v in villages if any(ord(c) > 127 for c in v["name"])), None)
        if accented is None or not browser.evaluate(f"document.body.innerText.includes({json.dumps(accented)})"):
            failures.append(f"the Vietnamese name {accented!r} is not on the page as places.csv has it")

        before = browser.screenshot()
        with open(artefact, "wb") as f:
            f.write(before)
        image = pixels(before, work, "before.png")
        colours = len(np.unique(image.reshape(3, -1), axis=1).T)
        if image.std() < 20 or colours < 200:
            failures.append(f"the screenshot looks blank (std {image.std():.1f}, {colours} colours)")

        overlays_before = browser.evaluate("document.querySelectorAll('img.phusong-signal').length")
        toggled = browser.evaluate(
            "(() => { const label = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
            ".find(l => l.textContent.trim().startsWith('Signal ') && l.querySelector('input').checked);"
            " if (!label) return null; label.querySelector('input').click(); return label.textContent.trim(); })()")
        time.sleep(0.5)
        overlays_after = browser.evaluate("document.querySelectorAll('img.phusong-signal').length")
        after = pixels(browser.screenshot(), work, "after.png")
        changed = float(np.mean(np.any(after != image, axis=0)))
        if toggled is None:
            failures.append("no checked signal layer in the layer switcher")
        elif overlays_after != overlays_before - 1 or changed < 0.02:
            failures.append(f"switching off {toggled!r} did not change the map: overlays {overlays_before} → {overlays_after}, "
                            f"{100 * changed:.2f} % of pixels changed")

        # Polygon layers switched on later must not cover the villages (nor take their clicks).
        browser.evaluate("(() => { document.getElementById('map').scrollIntoView();"
                         " const l = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
                         ".find(l => l.textContent.includes('Communes by')); if (l && !l.querySelector('input').checked)"
                         " l.querySelector('input').click(); })()")
        time.sleep(0.5)
        buried = browser.evaluate(
            "(() => { const r = document.getElementById('map').getBoundingClientRect(); let buried = 0;"
            " for (const m of phusongReport.villageMarkers) { const p = phusongReport.map.latLngToContainerPoint(m.getLatLng());"
            " const x = r.left + p.x, y = r.top + p.y; if (x < r.left + 5 || y < r.top + 5 || x > r.right - 5 || y > r.bottom - 5) continue;"
            " const e = document.elementFromPoint(x, y);"
            " if (e && !e.closest('.leaflet-phusong-markers-pane, .leaflet-control-container, .leaflet-popup-pane')) buried++; }"
            " return buried; })()")
        if buried:
            failures.append(f"{buried} village markers lie under a polygon layer switched on after them")

        browser.evaluate("document.querySelector('table[data-table=villages] tbody tr').click()")
        time.sleep(0.5)
        popup = browser.evaluate("(document.querySelector('.leaflet-popup-content') || {}).textContent || ''")
        first = browser.evaluate("document.querySelector('table[data-table=villages] tbody tr').cells[0].textContent")
        if not popup.startswith(first):
            failures.append(f"clicking village {first!r} in the table showed popup {popup[:60]!r}")

        for e in browser.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                failures.append(f"uncaught exception: {params['exceptionDetails'].get('text')} "
                                f"{params['exceptionDetails'].get('exception', {}).get('description', '')[:200]}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                failures.append(f"console error: {[a.get('value', a.get('description')) for a in params.get('args', [])]}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                failures.append(f"browser error: {params['entry']['text']} {params['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:", "about:")):
                    failures.append(f"the page requested {url}: it must work offline")
    finally:
        browser.close()

    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(f"report.html ({size_mb:.1f} MB): {markers} village markers, {len(expected)} targets as in summary.json, "
              f"layer switch changed {100 * changed:.1f} % of the map, screenshot {artefact}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
