"""Start the candidate worker: a scrubbed environment, resource limits, and bubblewrap when present.

The launcher prepares one private folder per worker session::

    <session>/runtime/      worker.py, wire.py, grader_spies.py (read-only in the sandbox)
    <session>/submission/   a copy of the candidate's files, the worker's working directory
    <session>/tmp/          a private temporary folder (bubblewrap mounts its own tmpfs instead)

Under bubblewrap only the Python installation, the system libraries, ``runtime`` and ``submission``
are visible, the network and process namespaces are private, every capability is dropped and the
worker runs as ``nobody``. Without bubblewrap the same process limits apply and the worker's audit hook
is the only fence (see the README for what that cannot stop).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

RUNTIME_FILES = ("worker.py", "wire.py", "grader_spies.py")
SANDBOX_RUNTIME = "/opt/mlgrade"
SANDBOX_SUBMISSION = "/submission"
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    """Process limits for one worker."""

    memory_bytes: int = 3 * 2**30
    cpu_seconds: int = 600
    file_bytes: int = 64 * 2**20
    open_files: int = 256


@dataclass(frozen=True)
class LaunchPlan:
    """Everything needed to start a worker, and what the report should say about isolation."""

    command: list[str]
    env: dict[str, str]
    cwd: str
    isolation: str
    submission_dir: Path
    read_roots: list[str]
    write_roots: list[str]
    library_roots: list[str]
    source_in_sandbox: str


def python_roots() -> list[str]:
    """The folders a worker's Python needs to read: installation, virtualenv, site-packages."""
    candidates = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sysconfig.get_paths()["stdlib"],
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
        str(Path(sys.executable).resolve().parent.parent),
    }
    roots = sorted({str(Path(path).resolve()) for path in candidates} | candidates)
    return [root for root in roots if os.path.isdir(root)]


@functools.cache
def bubblewrap_available() -> bool:
    """Whether ``bwrap`` exists and can create the namespaces the sandbox needs, here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    trial = [bwrap, "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
             "--cap-drop", "ALL", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        return subprocess.run(trial, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def prepare_session(session: Path, source: Path, source_name: str) -> Path:
    """Copy the runtime and the candidate's file into a fresh session folder; return the copy's folder."""
    runtime = session / "runtime"
    submission = session / "submission"
    for folder in (runtime, submission, session / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(_HERE / name, runtime / name)
    shutil.copyfile(source, submission / source_name)
    for folder in (submission, session / "tmp"):
        folder.chmod(0o777)
    return submission


def plan_launch(session: Path, source_name: str, *, use_bubblewrap: bool) -> LaunchPlan:
    """Build the command line and environment for a worker over a prepared session folder."""
    libraries = python_roots()
    if use_bubblewrap:
        command = _bubblewrap_command(session, libraries)
        return LaunchPlan(
            command=command, env=_scrubbed_env("/tmp"), cwd=str(session), isolation="bubblewrap",
            submission_dir=session / "submission",
            read_roots=[SANDBOX_SUBMISSION, "/tmp", SANDBOX_RUNTIME, *libraries],
            write_roots=[SANDBOX_SUBMISSION, "/tmp"], library_roots=[*libraries, SANDBOX_RUNTIME],
            source_in_sandbox=f"{SANDBOX_SUBMISSION}/{source_name}",
        )
    runtime = str(session / "runtime")
    submission = str(session / "submission")
    tmp = str(session / "tmp")
    return LaunchPlan(
        command=[sys.executable, "-s", "-B", f"{runtime}/worker.py"],
        env=_scrubbed_env(tmp), cwd=submission, isolation="process",
        submission_dir=session / "submission",
        read_roots=[submission, tmp, runtime, *libraries, "/dev/null", "/dev/urandom", "/proc/self"],
        write_roots=[submission, tmp], library_roots=[*libraries, runtime],
        source_in_sandbox=f"{submission}/{source_name}",
    )


def _bubblewrap_command(session: Path, libraries: list[str]) -> list[str]:
    bwrap = shutil.which("bwrap") or "bwrap"
    command = [
        bwrap, "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
        "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
    ]
    for system_dir in ("/usr", "/lib", "/lib64", "/bin", "/sbin"):
        if os.path.islink(system_dir):
            command += ["--symlink", os.readlink(system_dir), system_dir]
        elif os.path.isdir(system_dir):
            command += ["--ro-bind", system_dir, system_dir]
    for root in libraries:
        if not root.startswith(("/usr/", "/lib")):
            command += ["--ro-bind", root, root]
    command += [
        "--ro-bind", str(session / "runtime"), SANDBOX_RUNTIME,
        "--bind", str(session / "submission"), SANDBOX_SUBMISSION,
        "--chdir", SANDBOX_SUBMISSION,
    ]
    for name, value in _scrubbed_env("/tmp").items():
        command += ["--setenv", name, value]
    return [*command, sys.executable, "-s", "-B", f"{SANDBOX_RUNTIME}/worker.py"]


def _scrubbed_env(tmp: str) -> dict[str, str]:
    # One BLAS thread keeps timings comparable and the address-space limit meaningful; a fixed hash
    # seed keeps set and dict iteration, and so the candidate's output, the same on every run.
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": tmp,
        "TMPDIR": tmp,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
    }


def apply_limits(limits: Limits) -> None:
    """Set the process limits; runs in the child between fork and exec."""
    os.setsid()
    for kind, value in (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(kind, (value, value))
