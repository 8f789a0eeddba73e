"""The mlgrade wheel, to install this very engine somewhere else (the Gradescope bundle carries it).

From a source checkout (an editable install, ``make install``) the wheel is built with pip from a
copy of the files a wheel is made of, so that a stale ``build/`` folder can never leak into it. From
an installed wheel there is no source to build from: the installed distribution is packed again,
file for file as pip installed it, with a fresh ``RECORD``. ``python -m grader.wheel [FOLDER]``
(``make wheel``) writes the wheel into ``FOLDER`` (default ``dist/``).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from grader.core.banks import PACKAGED, PROJECT_ROOT
from grader.core.errors import GraderError

DISTRIBUTION = "mlgrade"
SOURCE_PARTS = ("pyproject.toml", "README.md", "grader", "exercises", "reference", "datasets")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "build", "*.egg-info")
_NOT_PACKED = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


def current_wheel(scratch: Path) -> Path:
    """A wheel of the mlgrade that is running, written into ``scratch``."""
    if not (PACKAGED / "exercises").is_dir() and (PROJECT_ROOT / "pyproject.toml").is_file():
        return build_from_source(PROJECT_ROOT, scratch)
    return repack_installed(scratch)


def build_from_source(root: Path, scratch: Path) -> Path:
    """``pip wheel`` on a clean copy of the checkout at ``root``."""
    source, out = scratch / "source", scratch / "wheel"
    source.mkdir(parents=True)
    for part in SOURCE_PARTS:
        path = root / part
        if path.is_dir():
            shutil.copytree(path, source / part, ignore=_IGNORED)
        elif path.is_file():
            shutil.copyfile(path, source / part)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)]
    # A fixed date for the files in the wheel: the same source gives the same wheel.
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    run = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    wheels = sorted(out.glob("*.whl")) if run.returncode == 0 else []
    if len(wheels) != 1:
        detail = (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
        raise GraderError(
            f"Building the mlgrade wheel from {root} failed ({detail}); build one yourself and pass --wheel PATH."
        )
    return wheels[0]


def repack_installed(scratch: Path) -> Path:
    """Pack the installed distribution back into a wheel (no byte code, no installer records)."""
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise GraderError(
            "mlgrade is neither a source checkout nor an installed distribution; pass --wheel PATH."
        ) from None
    files = [file for file in distribution.files or [] if _packed(file)]
    tags = [
        line.split(":", 1)[1].strip()
        for line in (distribution.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    ]
    if not files or not tags:
        raise GraderError("The installed mlgrade has no file list or no wheel tag to pack again; pass --wheel PATH.")
    name = distribution.metadata["Name"].replace("-", "_")
    dist_info = f"{name}-{distribution.version}.dist-info"
    out = scratch / f"{name}-{distribution.version}-{tags[0]}.whl"
    out.parent.mkdir(parents=True, exist_ok=True)
    record = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(files, key=str):
            content = Path(str(file.locate())).read_bytes()
            archive.writestr(str(file), content)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            record.append(f"{file},sha256={digest},{len(content)}")
        record.append(f"{dist_info}/RECORD,,")
        archive.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return out


def _packed(file: importlib.metadata.PackagePath) -> bool:
    """Files inside site-packages that pip did not make itself (scripts, byte code, its records)."""
    parts = file.parts
    return (
        ".." not in parts
        and "__pycache__" not in parts
        and file.suffix != ".pyc"
        and not (parts[0].endswith(".dist-info") and parts[-1] in _NOT_PACKED)
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m grader.wheel [FOLDER]``: write the wheel into ``FOLDER`` (default ``dist/``)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "dist")
    try:
        with tempfile.TemporaryDirectory(prefix="mlgrade-wheel-") as scratch:
            built = current_wheel(Path(scratch))
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, folder / built.name)
    except (GraderError, OSError) as error:
        sys.stderr.write(f"mlgrade: {error}\n")
        return 2
    sys.stdout.write(f"mlgrade: wheel written to {folder / built.name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
