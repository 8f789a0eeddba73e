"""Start the candidate worker: a jail that holds only what the exercise allows, and resource limits.

The launcher prepares one private folder per worker session::

    <session>/runtime/      worker.py and wire.py (read-only in the jail)
    <session>/site/         process mode only: links to the allowed packages
    <session>/submission/   process mode only: a copy of the candidate's file, the working directory
    <session>/tmp/          process mode only: a private temporary folder

Under bubblewrap the worker sees the system libraries, the Python interpreter and its standard
library, every ``site-packages``/``dist-packages`` folder replaced by an empty read-only one, and
only the exercise's allowed third-party packages (with what they need), mounted at ``/opt/site``.
Importing scikit-learn in a NumPy-only exercise fails because its files are not there. ``/tmp``,
``/dev/shm`` and ``/submission`` (the working directory, holding a read-only candidate file) are
size-capped tmpfs mounts that vanish with the jail. Network, processes, IPC and users are private
namespaces, every capability is dropped and the worker runs as ``nobody``.

Without bubblewrap the same interpreter runs without ``site``, with the allowed packages alone on its
path, under the same process limits; nothing stops candidate code from reaching further (see the
README), and the report says so.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
import re
import resource
import shutil
import site
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

RUNTIME_FILES = ("worker.py", "wire.py")
SANDBOX_RUNTIME = "/opt/mlgrade"
SANDBOX_SITE = "/opt/site"
SANDBOX_SUBMISSION = "/submission"
_RUNTIME = Path(__file__).resolve().parent.parent / "sandbox"  # only these files enter the jail
_SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/bin", "/sbin")


@dataclass(frozen=True)
class Limits:
    """Process limits for one worker, and the size caps of its writable folders."""

    memory_bytes: int = 3 * 2**30
    cpu_seconds: int = 600
    file_bytes: int = 64 * 2**20
    open_files: int = 256
    tmp_bytes: int = 256 * 2**20
    submission_bytes: int = 64 * 2**20
    shm_bytes: int = 16 * 2**20

    @property
    def disk_bytes(self) -> int:
        """What the worker may write in all, across its writable folders."""
        return self.tmp_bytes + self.submission_bytes + self.shm_bytes


@dataclass(frozen=True)
class LaunchPlan:
    """Everything needed to start a worker, and what the report should say about isolation."""

    command: list[str]
    env: dict[str, str]
    cwd: str
    isolation: str
    read_roots: list[str]
    write_roots: list[str]
    library_roots: list[str]
    package_roots: list[str]
    source_in_sandbox: str
    writable_on_host: list[Path]
    as_nobody: bool = False


def interpreter() -> str:
    """The base Python interpreter (a virtual environment's own site-packages are never used)."""
    base = getattr(sys, "_base_executable", "") or sys.executable
    return str(Path(base).resolve()) if os.path.exists(base) else sys.executable


def python_home() -> list[str]:
    """The interpreter's installation folders: executable, standard library, extension modules."""
    paths = sysconfig.get_paths(
        vars={
            "base": sys.base_prefix,
            "platbase": sys.base_exec_prefix,
            "installed_base": sys.base_prefix,
            "installed_platbase": sys.base_exec_prefix,
        }
    )
    roots = {
        sys.base_prefix,
        sys.base_exec_prefix,
        paths["stdlib"],
        paths["platstdlib"],
        str(Path(interpreter()).parent.parent),
    }
    return sorted({str(Path(root).resolve()) for root in roots if os.path.isdir(root)})


def hidden_package_dirs(mounted: Iterable[str]) -> list[str]:
    """Every third-party package folder inside the mounted roots: each is covered by an empty one."""
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    prefixes = [sys.base_prefix, sys.base_exec_prefix, sys.prefix, "/usr", "/usr/local"]
    found = set(site.getsitepackages(prefixes))
    found |= {
        "/usr/lib/python3/dist-packages",
        f"/usr/local/lib/{minor}/dist-packages",
        f"/usr/lib/{minor}/site-packages",
        f"/usr/local/lib/{minor}/site-packages",
    }
    for prefix in prefixes:
        found |= {str(Path(prefix) / lib / minor / "site-packages") for lib in ("lib", "lib64")}
    roots = [str(Path(root).resolve()) for root in mounted]
    hidden = set()
    for folder in found:
        if not os.path.isdir(folder):
            continue
        real = str(Path(folder).resolve())
        if any(real == root or real.startswith(root + os.sep) for root in roots):
            hidden.add(real)
    return sorted(hidden)


@functools.cache
def _distributions() -> dict[str, list[str]]:
    # Reading every installed package's metadata takes a third of a second: once per process, and the
    # warm judge server does it before it forks (grader/grading/judge_server.py).
    return dict(importlib.metadata.packages_distributions())


@functools.cache
def package_entries(allowed: tuple[str, ...]) -> tuple[Path, ...]:
    """The files and folders of the allowed third-party packages and of everything they require."""
    distributions = _distributions()
    entries: set[Path] = set()
    queue: list[str] = []
    for name in allowed:
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names:
            continue
        names = distributions.get(top, [])
        if names:
            queue += names
        else:
            entries |= _module_location(top)
    seen: set[str] = set()
    while queue:
        name = _canonical(queue.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        entries |= _top_level_entries(distribution)
        queue += [_requirement_name(r) for r in distribution.requires or [] if "extra ==" not in r]
    return tuple(sorted(entries))


def _module_location(name: str) -> set[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None:
        return set()
    if spec.submodule_search_locations:
        return {Path(location).resolve() for location in spec.submodule_search_locations}
    return {Path(spec.origin).resolve()} if spec.origin else set()


def _top_level_entries(distribution: importlib.metadata.Distribution) -> set[Path]:
    entries = set()
    for file in distribution.files or []:
        parts = Path(str(file)).parts
        if not parts or parts[0] in ("..", "__pycache__") or parts[0].endswith(".pth"):
            continue
        located = Path(str(distribution.locate_file(parts[0])))
        if located.exists():
            entries.add(located.resolve())
    return entries


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    return match.group(0) if match else requirement


@functools.cache
def bubblewrap_available() -> bool:
    """Whether ``bwrap`` exists and can create the namespaces and mounts the jail needs, here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    trial = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--cap-drop",
        "ALL",
        "--ro-bind",
        "/",
        "/",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--size",
        str(2**20),
        "--tmpfs",
        "/tmp",
        "true",
    ]
    try:
        return subprocess.run(trial, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def prepare_session(
    session: Path, source: Path, source_name: str, allowed: tuple[str, ...], *, use_bubblewrap: bool
) -> None:
    """Lay out a fresh session folder: the runtime, and in process mode the files the worker uses."""
    runtime = session / "runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(_RUNTIME / name, runtime / name)
    shutil.copyfile(source, session / source_name)
    if use_bubblewrap:
        return
    session.chmod(0o755)  # the worker may run as nobody: it must reach its runtime and its files
    for folder in ("site", "submission", "tmp"):
        (session / folder).mkdir(exist_ok=True)
    for entry in package_entries(allowed):
        link = session / "site" / entry.name
        if not link.exists():
            link.symlink_to(entry)
    shutil.copyfile(source, session / "submission" / source_name)
    for folder in ("submission", "tmp"):
        (session / folder).chmod(0o777)


def plan_launch(
    session: Path, source_name: str, allowed: tuple[str, ...], limits: Limits, *, use_bubblewrap: bool
) -> LaunchPlan:
    """Build the command line and environment for a worker over a prepared session folder."""
    home = python_home()
    packages = [str(entry) for entry in package_entries(allowed)]
    if use_bubblewrap:
        return LaunchPlan(
            command=_bubblewrap_command(session, source_name, allowed, limits),
            env=_scrubbed_env("/tmp"),
            cwd=str(session),
            isolation="bubblewrap",
            read_roots=[SANDBOX_SUBMISSION, "/tmp", SANDBOX_RUNTIME, SANDBOX_SITE, *home],
            write_roots=[SANDBOX_SUBMISSION, "/tmp", "/dev/shm"],
            library_roots=[*home, SANDBOX_RUNTIME, SANDBOX_SITE],
            package_roots=[SANDBOX_SITE],
            source_in_sandbox=f"{SANDBOX_SUBMISSION}/{source_name}",
            writable_on_host=[],
        )
    runtime, submission, tmp = (str(session / name) for name in ("runtime", "submission", "tmp"))
    site_dir = str(session / "site")
    return LaunchPlan(
        command=[interpreter(), "-S", "-s", "-B", f"{runtime}/worker.py", site_dir],
        env=_scrubbed_env(tmp),
        cwd=submission,
        isolation="process",
        read_roots=[submission, tmp, runtime, site_dir, *home, *packages, "/dev/null", "/dev/urandom", "/proc/self"],
        write_roots=[submission, tmp],
        library_roots=[*home, *packages, runtime, site_dir],
        package_roots=[site_dir],
        source_in_sandbox=f"{submission}/{source_name}",
        writable_on_host=[session / "submission", session / "tmp"],
        as_nobody=os.geteuid() == 0 and nobody_can_run([interpreter(), session / "runtime" / "worker.py", *packages]),
    )


def _bubblewrap_command(session: Path, source_name: str, allowed: tuple[str, ...], limits: Limits) -> list[str]:
    bwrap = shutil.which("bwrap") or "bwrap"
    command = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--size",
        str(limits.shm_bytes),
        "--tmpfs",
        "/dev/shm",
        "--size",
        str(limits.tmp_bytes),
        "--tmpfs",
        "/tmp",
    ]
    mounted: list[str] = []
    for system_dir in _SYSTEM_DIRS:
        if os.path.islink(system_dir):
            command += ["--symlink", os.readlink(system_dir), system_dir]
        elif os.path.isdir(system_dir):
            command += ["--ro-bind", system_dir, system_dir]
            mounted.append(system_dir)
    for root in python_home():
        if not any(root == d or root.startswith(d + "/") for d in mounted):
            command += ["--ro-bind", root, root]
            mounted.append(root)
    for folder in hidden_package_dirs(mounted):
        command += ["--tmpfs", folder, "--remount-ro", folder]
    for entry in package_entries(allowed):
        command += ["--ro-bind", str(entry), f"{SANDBOX_SITE}/{entry.name}"]
    command += [
        "--ro-bind",
        str(session / "runtime"),
        SANDBOX_RUNTIME,
        "--size",
        str(limits.submission_bytes),
        "--tmpfs",
        SANDBOX_SUBMISSION,
        "--ro-bind",
        str(session / source_name),
        f"{SANDBOX_SUBMISSION}/{source_name}",
        "--chdir",
        SANDBOX_SUBMISSION,
    ]
    for name, value in _scrubbed_env("/tmp").items():
        command += ["--setenv", name, value]
    return [*command, interpreter(), "-S", "-s", "-B", f"{SANDBOX_RUNTIME}/worker.py", SANDBOX_SITE]


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


NOBODY = 65534


def nobody_can_run(paths: Iterable[str | Path]) -> bool:
    """Whether an unprivileged user can reach (and read) every one of ``paths``.

    Checked from the permission bits, because ``os.access`` answers for the caller only. False for an
    interpreter under a private home folder (``/root/.pyenv``): the worker then keeps the grader's uid.
    """
    for path in paths:
        current = Path(path).resolve()
        if not current.exists() or not current.stat().st_mode & 0o004:
            return False
        for parent in current.parents:
            if not parent.stat().st_mode & 0o001:
                return False
    return True


def apply_limits(limits: Limits, *, as_nobody: bool = False) -> None:
    """Set the process limits; runs in the child between fork and exec.

    ``as_nobody`` (process mode, when the grader runs as root, as on Gradescope): the worker drops to
    uid and gid ``nobody``, so it can read neither root-only files (the suites and references a
    grading image locks away) nor write to the installed grader. Under bubblewrap the jail does that.
    """
    os.setsid()
    for kind, value in (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(kind, (value, value))
    if as_nobody and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def folder_bytes(folders: Iterable[Path], stop_after: int) -> int:
    """Bytes held by the files under ``folders`` (links not followed); stops counting past ``stop_after``."""
    total = 0
    pending = [str(folder) for folder in folders]
    while pending and total <= stop_after:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_blocks * 512
            except OSError:
                continue
    return total


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system, children included) of ``pid`` and every live descendant.

    Read from ``/proc``, outside the worker: nothing candidate code does to its own clocks changes it.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if len(fields) < 15:
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
        times[int(name)] = sum(int(value) for value in fields[11:15]) / ticks
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        total += times.get(current, 0.0)
        pending += children.get(current, [])
    return total
