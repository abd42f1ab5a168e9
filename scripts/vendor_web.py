"""Vendor the web dashboard's scripts, styles and map from pinned npm packages.

Run from the project root with `python scripts/vendor_web.py`. Each package is fetched with
`npm pack` into a temporary folder, and only the files the dashboard loads are copied into
`src/sitroom/web/static/vendor/<package>/`, each package's licence beside them. A manifest
(`vendor/MANIFEST.json`) records every version and file hash, so a re-run shows any change in
`git diff`. The dashboard never loads anything from the network: these files are all it uses.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "src" / "sitroom" / "web" / "static" / "vendor"

# package -> (pinned version, files inside the package to copy)
PACKAGES: dict[str, tuple[str, list[str]]] = {
    "uplot": ("1.6.32", ["dist/uPlot.iife.min.js", "dist/uPlot.min.css", "LICENSE"]),
    "cytoscape": ("3.35.0", ["dist/cytoscape.min.js", "LICENSE"]),
    "d3-array": ("3.2.4", ["dist/d3-array.min.js", "LICENSE"]),
    "d3-geo": ("3.1.2", ["dist/d3-geo.min.js", "LICENSE"]),
    "topojson-client": ("3.1.0", ["dist/topojson-client.min.js", "LICENSE"]),
    "world-atlas": ("2.0.2", ["countries-110m.json", "LICENSE"]),
    # ISO 3166-1 numeric -> alpha-3, to join world-atlas shapes to sitroom's country codes.
    "i18n-iso-countries": ("7.14.0", ["codes.json", "LICENSE"]),
    "swagger-ui-dist": (
        "5.35.0",
        ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-bundle.js.LICENSE.txt", "LICENSE"],
    ),
}


def pack(name: str, version: str, into: Path) -> Path:
    """Fetch one package tarball with npm (which checks the registry's integrity hash)."""
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", str(into)],
        check=True,
        capture_output=True,
        text=True,
    )
    return into / out.stdout.strip().splitlines()[-1]


def copy_files(tarball: Path, files: list[str], target: Path) -> dict[str, str]:
    """Copy the named files out of a package tarball; return {file: sha256}."""
    hashes = {}
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name in files:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{tarball.name}: no file {name}")
            data = member.read()
            (target / Path(name).name).write_bytes(data)
            hashes[Path(name).name] = hashlib.sha256(data).hexdigest()
    return hashes


def main() -> int:
    """Vendor every package; exit 1 with one line when npm is missing or a fetch fails."""
    if shutil.which("npm") is None:
        print("vendor_web: npm is needed (apt-get install npm)", file=sys.stderr)
        return 1
    manifest = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (version, files) in PACKAGES.items():
            try:
                tarball = pack(name, version, Path(tmp))
            except subprocess.CalledProcessError as err:
                failed = f"vendor_web: npm pack {name}@{version} failed: {err.stderr}"
                print(failed, file=sys.stderr)
                return 1
            target = VENDOR / name
            if target.exists():
                shutil.rmtree(target)
            manifest[name] = {"version": version, "files": copy_files(tarball, files, target)}
            print(f"{name}@{version}: {', '.join(files)}")
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
