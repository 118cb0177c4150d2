"""Pictures of maps: a PNG of an HTML map, drawn by headless Chromium.

No Python browser driver is needed: Chromium's own ``--screenshot`` mode
loads the page with virtual time, so the map's chunked marker loading and
its base layer are finished when the picture is taken.

The page is opened in its print mode (``#geomap-print``, see the end of
``assets/incidents_map.js``): a picture in a report has no one to hover a
layer control or type in a search box, but needs a title, the dates, the
legend, a scale and the attribution on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import BrowserNotFoundError, GeomapError

__all__ = ["BROWSERS", "PRINT_MODE", "find_browser", "require_browser", "screenshot"]

#: The URL fragment that puts a map page into its print mode.
PRINT_MODE = "#geomap-print"

#: Executables tried in order, after the GEOMAP_CHROMIUM environment variable.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str | None:
    """The Chromium/Chrome to use: ``$GEOMAP_CHROMIUM``, else the first of :data:`BROWSERS` on the PATH."""
    chosen = os.environ.get("GEOMAP_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() or shutil.which(chosen) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def require_browser() -> str:
    """The browser :func:`screenshot` will use; raises BrowserNotFoundError, so a run can check before its work."""
    browser = find_browser()
    if browser is None:
        raise BrowserNotFoundError(
            "--png needs Chromium or Chrome (as does -o FILE.png), and none was found; install it (Debian/Ubuntu: "
            "apt install chromium) or set GEOMAP_CHROMIUM=/path/to/chrome")
    return browser


def browser_args(user_data_dir: str) -> list[str]:
    """Flags for a quiet, private headless run (root needs --no-sandbox)."""
    args = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--mute-audio",
            f"--user-data-dir={user_data_dir}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args


def screenshot(html_path: str | Path, png_path: str | Path, *, width: int = 1200, height: int = 800,
               wait_ms: int = 20_000, timeout_s: float = 180, print_mode: bool = True) -> Path:
    """Draw ``html_path`` into a ``width`` × ``height`` ``png_path`` (written atomically) and return the path.

    ``print_mode`` (for geomap's own maps) shows the title bar, legend, scale and attribution, and no controls.
    """
    browser = require_browser()
    png_path = Path(png_path)
    png_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="geomap-chromium-") as profile:
        tmp = Path(profile) / "shot.png"
        command = [browser, *browser_args(profile), f"--window-size={width},{height}",
                   f"--virtual-time-budget={wait_ms}", f"--screenshot={tmp}",
                   Path(html_path).resolve().as_uri() + (PRINT_MODE if print_mode else "")]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise GeomapError(f"{browser} took more than {timeout_s:g} s to draw {html_path}") from None
        if done.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            tail = " ".join(done.stderr.strip().splitlines()[-3:])
            raise GeomapError(f"{browser} could not draw {html_path} (exit code {done.returncode}): {tail}")
        staged = png_path.with_name(f".{png_path.name}.tmp")
        shutil.copyfile(tmp, staged)
        os.replace(staged, png_path)
    return png_path
