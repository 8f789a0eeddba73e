"""The judge's side of the boundary: a client for the worker and proxies for the objects inside it.

``WorkerClient`` starts a worker (through ``grader.grading.launcher``), sends requests, enforces the
per-call timeout and the exercise's time budget, restarts the worker after a fault, and turns replies
back into values (``grader.sandbox.wire``). ``RemoteObject`` makes a handle feel local:
``candidate.KMeans(n_clusters=3).fit(X).cluster_centers_`` is three requests. Equality on a handle is
identity; nothing the candidate defines (``__eq__``, ``__repr__``) ever runs in the judge.

The other direction: any object that is not data and that the suite passes to candidate code (a
scikit-learn estimator, a spy, ``trusted("sklearn.linear_model.Ridge")``) stays here, registered as
*exposed*; the worker gets a stand-in, and its public attribute reads and calls come back as
``callback`` frames that this client serves while it waits for the candidate's reply. Only public
names are served. Time is the judge's: a request's candidate seconds are the wall-clock time from
sending it to reading its reply, less the time spent here serving callbacks; the worker's own clocks
are never asked.
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import copy
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.core.errors import (
    BudgetExceeded,
    CandidateCrashed,
    CandidateImportFailed,
    CandidateRaised,
    CandidateTimeout,
    MalformedReply,
    MissingName,
    NotImplementedFault,
    ResourceExceeded,
)
from grader.grading import launcher
from grader.sandbox import wire

OUTPUT_KEPT_BYTES = 4096
START_TIMEOUT_SECONDS = 60.0
# What one check may read back from candidate code: past these, the check fails with a plain reason
# rather than letting an endless generator or a flood of arrays exhaust the judge's memory.
MAX_ITEMS_PER_ITERATOR = 10_000
MAX_BYTES_PER_CHECK = 2 * 2**30


# The judge's own deadline for the calls inside a ``call_deadline`` block (a monotonic time), or None.
_CALL_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("mlgrade_call_deadline", default=None)


@contextlib.contextmanager
def call_deadline(seconds: float) -> Iterator[None]:
    """Every call to the candidate inside this block must be answered within ``seconds`` in all.

    An efficiency check knows its verdict once the candidate is far past the reference's time; waiting
    for the exercise's full call timeout would only cost the grading time. Enforced by the judge's
    clock, like the call timeout: past it the worker is stopped and the call fails as timed out.
    """
    token = _CALL_DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _CALL_DEADLINE.reset(token)


@dataclass(frozen=True)
class WorkerConfig:
    """How to run one exercise's candidate module."""

    module: str
    source: Path
    kind: str = "py"  # "py" or "cells" (a notebook's code cells, as JSON)
    allowed_imports: tuple[str, ...] = ("numpy",)
    input_packages: tuple[str, ...] = ()  # mounted for promised input types, not for import
    call_timeout: float = 10.0
    budget_seconds: float = 300.0
    use_bubblewrap: bool = False
    limits: launcher.Limits = field(default_factory=launcher.Limits)


class OutputSink:
    """Drains the worker's stdout/stderr so it can never block; keeps the first few kilobytes."""

    def __init__(self) -> None:
        self.kept = bytearray()
        self.total = 0
        self._lock = threading.Lock()

    def drain(self, stream: Any) -> None:
        while chunk := stream.read1(65536):
            with self._lock:
                self.total += len(chunk)
                room = OUTPUT_KEPT_BYTES - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]

    def text(self) -> str:
        with self._lock:
            return self.kept.decode("utf-8", errors="replace")


class WorkerClient:
    """One exercise's connection to candidate code; survives worker restarts."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.output = OutputSink()
        self.violations: list[str] = []
        self.notes: list[str] = []
        self.isolation = "bubblewrap" if config.use_bubblewrap else "process"
        self.candidate_seconds = 0.0
        self.spent_seconds = 0.0
        self.restarts = 0
        self.generation = 0
        self.import_error: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._session: Path | None = None
        self._plan: launcher.LaunchPlan | None = None
        self._awaiting_setup = False  # launched, setup not yet sent (launch())
        self._pending_release: list[int] = []
        self._proxies: weakref.WeakValueDictionary[int, RemoteObject] = weakref.WeakValueDictionary()
        self._module: RemoteObject | None = None
        # The module's functions and classes, kept once read: ``candidate.f(...)`` is then one round trip,
        # not three (read f, call it, release it). Candidate code that rebinds its own names can only
        # choose which of its own functions runs, which it can do anyway.
        self._module_callables: dict[str, RemoteObject] = {}
        self._read_ahead: dict[int, _ReadAhead] = {}
        # Plain data attributes the worker sent along with the last call's reply (worker.state_of), by
        # handle: read from here, ``model.coef_`` costs no round trip. Valid until the next request.
        self._state: dict[int, dict[str, Any]] = {}
        self._state_blobs: list[wire.Blob] = []
        self._exposed: dict[int, Any] = {}
        self._exposed_ids: dict[int, int] = {}
        self._next_exposed = 1
        self._bytes_read = 0
        self._items_read: dict[int, int] = {}
        self._writable_on_host: list[Path] = []
        self._cpu_before_restarts = 0.0

    # -- lifecycle
    @property
    def module(self) -> RemoteObject:
        if self._module is None or self._process is None:
            self._start()
        assert self._module is not None  # _start either sets it or raises
        return self._module

    def close(self) -> None:
        self._stop()

    def new_check(self) -> None:
        """Forget what the previous check exposed and read: each check starts with fresh budgets."""
        self._exposed.clear()
        self._exposed_ids.clear()
        self._bytes_read = 0
        self._items_read.clear()

    def cpu_seconds(self) -> float:
        """CPU seconds the worker processes have used, read by the judge from the operating system."""
        live = launcher.process_tree_cpu_seconds(self._process.pid) if self._process is not None else 0.0
        return self._cpu_before_restarts + live

    def launch(self) -> None:
        """Start the worker's process now; it is sent its setup when first used.

        The process spends its first tenth of a second starting Python and importing NumPy; begun
        before pytest collects the suite, that happens while the judge imports the checks. Nothing
        of the candidate's runs before the setup: the module is loaded at first use, as before.
        """
        if self._process is None and self.import_error is None:
            self._launch()

    def _start(self) -> None:
        if self.import_error is not None:
            raise CandidateImportFailed(self.import_error)
        if not self._awaiting_setup:
            self._stop()
            self._launch()
        self._awaiting_setup = False
        self._set_up()

    def _launch(self) -> None:
        self._session = Path(tempfile.mkdtemp(prefix="mlgrade-worker-"))
        source_name = f"{self.config.module}.py" if self.config.kind == "py" else "cells.json"
        allowed = self.config.allowed_imports + self.config.input_packages
        limits = self.config.limits
        launcher.prepare_session(
            self._session, self.config.source, source_name, allowed, use_bubblewrap=self.config.use_bubblewrap
        )
        plan = launcher.plan_launch(
            self._session, source_name, allowed, limits, use_bubblewrap=self.config.use_bubblewrap
        )
        self.isolation = plan.isolation
        self._writable_on_host = plan.writable_on_host
        self._process = subprocess.Popen(
            plan.command,
            cwd=plan.cwd,
            env=plan.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: launcher.apply_limits(limits, as_nobody=plan.as_nobody),
        )
        threading.Thread(target=self.output.drain, args=(self._process.stderr,), daemon=True).start()
        self.generation += 1
        self._plan = plan
        self._awaiting_setup = True

    def _set_up(self) -> None:
        plan = self._plan
        assert plan is not None  # _launch sets it before any setup
        setup = {
            "op": "setup",
            "module": self.config.module,
            "source": plan.source_in_sandbox,
            "kind": self.config.kind,
            "policy": {
                "read_roots": plan.read_roots,
                "write_roots": plan.write_roots,
                "library_roots": plan.library_roots,
                "package_roots": plan.package_roots,
                "allowed_imports": list(self.config.allowed_imports),
            },
        }
        self._absorb(self._exchange(setup, [], START_TIMEOUT_SECONDS, "starting the worker"))
        try:
            reply = self._exchange({"op": "load"}, [], self.config.call_timeout, "importing the module")
        except (CandidateTimeout, CandidateCrashed, MalformedReply) as fault:
            self.import_error = str(fault)
            raise CandidateImportFailed(self.import_error) from None
        self._absorb(reply)
        if "import_error" in reply:
            self.import_error = describe_import_error(reply["import_error"])
            self._stop()
            raise CandidateImportFailed(self.import_error)
        self.notes = [str(note) for note in reply.get("notes", [])]
        self._module = RemoteObject(self, 0, self.generation, "module", self.config.module, False, ())

    def _stop(self) -> None:
        process, self._process, self._module = self._process, None, None
        self._awaiting_setup = False
        if process is not None:
            with contextlib.suppress(OSError):
                self._cpu_before_restarts += launcher.process_tree_cpu_seconds(process.pid)
            _kill(process)
        if self._session is not None:
            shutil.rmtree(self._session, ignore_errors=True)
            self._session = None
        self._pending_release.clear()
        self._proxies.clear()
        self._module_callables.clear()
        self._read_ahead.clear()
        self._forget_state()
        self._writable_on_host = []

    # -- requests
    def request(self, op: str, *, target: int, generation: int, what: str, args: Any = None, **fields: Any) -> Any:
        """Send one request about a live handle and return the decoded value."""
        if generation != self.generation or self._process is None:
            raise CandidateCrashed(f"{what}: the object was lost when the candidate's process was restarted")
        encoder = _encoder_for(self)
        header = {"op": op, "target": target, **fields, "args": encoder.encode(args)}
        remaining = self.config.budget_seconds - self.spent_seconds
        if remaining <= 0:
            raise BudgetExceeded(
                f"time budget exceeded ({self.config.budget_seconds:g} s of candidate time for this exercise)"
            )
        if self._pending_release:  # handles the judge dropped ride along: no round trip of their own
            header["release"], self._pending_release = self._pending_release, []
        self._forget_state()  # candidate code is about to run
        timeout = min(self.config.call_timeout, remaining)
        budget_bound = timeout < self.config.call_timeout
        ends = _CALL_DEADLINE.get()
        left = ends - time.monotonic() if ends is not None else timeout
        if left < timeout:
            timeout, budget_bound = max(left, 0.001), False
        reply, blobs = self._exchange_with_blobs(header, encoder.blobs, timeout, what, budget_bound=budget_bound)
        self._forget_state()  # what nested requests kept is stale: the candidate's call went on after them
        self._absorb(reply)
        self._check_disk(what)
        if "ok" in reply:
            blobs = self._keep_state(reply, blobs, what)
            return self._decode_reply(reply["ok"], blobs, what)
        if "raised" in reply:
            raise _raised(reply["raised"], what, missing_name=(op == "getattr" and target == 0))
        self._stop()
        self.restarts += 1
        fault = reply.get("fault", {})
        raise CandidateCrashed(f"{what}: {describe_fault(fault)}")

    def next_item(self, iterator: RemoteObject) -> Any:
        """``next(iterator)``, reading items ahead in growing batches (8, 16, 32, 64).

        Iterating a candidate's generator item by item costs a round trip per fold; read ahead, the
        folds of a ``cv.split(X)`` (rarely more than ten) come in one or two. The worker stops a batch
        early once it has spent 50 ms, so a slow generator is timed item by item as before; an
        exception met ahead is raised here when the judge reaches it, and the next call asks the
        worker again, as a direct call would.
        """
        what = f"{iterator._label()}.__next__"
        ahead = self._read_ahead.get(iterator._id) or _ReadAhead()
        if not ahead.items and ahead.end is None:
            batch = self.request(
                "next_many",
                target=iterator._id,
                generation=iterator._generation,
                what=what,
                args=ahead.batch,
            )
            if not isinstance(batch, dict) or not isinstance(batch.get("items"), list):
                self._stop()
                raise MalformedReply(f"{what}: the candidate's process sent malformed data (a batch of items)")
            items = batch["items"]
            if len(items) > ahead.batch:  # more than asked for: only the worker's own code sends that
                self._stop()
                raise MalformedReply(f"{what}: the candidate's process sent more items than were asked for")
            ahead.items.extend(items)
            ahead.end = batch.get("end") if isinstance(batch.get("end"), dict) else None
            ahead.batch = min(ahead.batch * 2, READ_AHEAD_MAX_ITEMS)
            self._read_ahead[iterator._id] = ahead
        if ahead.items:
            return ahead.items.popleft()
        end = ahead.end or {}
        del self._read_ahead[iterator._id]
        raise _raised(end, what)

    def kept_attribute(self, handle_id: int, generation: int, name: str, what: str) -> tuple[bool, Any]:
        """``(True, value)`` when the last reply sent ``name`` of this object along; a fresh copy each time."""
        tree = self._state.get(handle_id, {}).get(name) if generation == self.generation else None
        if tree is None:
            return False, None
        return True, self._decode_reply(tree, self._state_blobs, what)

    def _keep_state(self, reply: dict[str, Any], blobs: list[wire.Blob], what: str) -> list[wire.Blob]:
        """Keep the attributes sent along with a reply; return the blobs of the reply's value."""
        count, states = reply.get("state_blobs", 0), reply.get("state", [])
        if not states:
            return blobs
        if not (type(count) is int and 0 <= count <= len(blobs) and isinstance(states, list)):
            self._stop()
            raise MalformedReply(f"{what}: the candidate's process sent malformed data (attribute state)")
        for entry in states:
            if isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int and isinstance(entry[1], dict):
                self._state[entry[0]] = entry[1]
        # Read-only views, not the received buffers: the decoder copies such a blob at every read, so no
        # two reads share memory, and a reply whose attributes are never read costs no copy.
        self._state_blobs = [memoryview(blob).toreadonly() for blob in blobs[len(blobs) - count :]]
        return blobs[: len(blobs) - count]

    def _forget_state(self) -> None:
        self._state.clear()
        self._state_blobs = []

    def module_attribute(self, name: str, generation: int) -> Any:
        """``candidate.<name>``: read once for functions and classes, every time for anything else."""
        cached = self._module_callables.get(name)
        if cached is not None and cached._generation == generation == self.generation:
            return cached
        value = self.request("getattr", target=0, generation=generation, what=name, name=name)
        if isinstance(value, RemoteObject) and value._callable:
            self._module_callables[name] = value
        return value

    def forget_module_attribute(self, name: str) -> None:
        self._module_callables.pop(name, None)

    def _decode_reply(self, tree: Any, blobs: Sequence[wire.Blob], what: str) -> Any:
        self._bytes_read += sum(len(blob) for blob in blobs)
        if self._bytes_read > MAX_BYTES_PER_CHECK:
            raise ResourceExceeded(
                f"{what}: candidate code sent back more than {MAX_BYTES_PER_CHECK // 2**30} GiB of data in one check"
            )
        try:
            return wire.Decoder(blobs, self._tagged_from_worker).decode(tree)
        except (wire.WireError, ValueError, TypeError) as error:
            self._stop()
            raise MalformedReply(f"{what}: the candidate's process sent malformed data ({error})") from None

    def count_item(self, iterator_id: int, what: str) -> None:
        """Count one item read from a candidate iterator; past the budget the check fails."""
        count = self._items_read.get(iterator_id, 0) + 1
        self._items_read[iterator_id] = count
        if count > MAX_ITEMS_PER_ITERATOR:
            raise ResourceExceeded(
                f"{what} yielded more than {MAX_ITEMS_PER_ITERATOR:,} items; the grader stopped reading"
            )

    def _check_disk(self, what: str) -> None:
        """Process mode only: the jail's tmpfs caps do not exist, so measure the writable folders."""
        if not self._writable_on_host:
            return
        cap = self.config.limits.disk_bytes
        if launcher.folder_bytes(self._writable_on_host, cap) > cap:
            self._stop()
            self.restarts += 1
            raise ResourceExceeded(
                f"{what}: candidate code wrote more than {cap // 2**20} MiB to disk; "
                "its files were deleted and the process restarted"
            )

    def worker_call(self, path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Call a NumPy function inside the worker (to observe the candidate's process, not to judge)."""
        module = self.module
        return self.request(
            "worker_call",
            target=0,
            generation=module._generation,
            what=f"calling {path} in the worker",
            path=path,
            args=[list(args), kwargs],
        )

    def read(self, held: RemoteObject) -> Any:
        """The data behind a ``hold`` handle, read back from the worker."""
        return held.value

    def hold(self, value: Any) -> RemoteObject:
        """Send data to the worker ahead of a call; the handle stands for it as an argument."""
        module = self.module
        held = self.request("hold", target=0, generation=module._generation, what="sending input data", args=value)
        if not isinstance(held, RemoteObject):
            raise MalformedReply("sending input data: the worker did not keep it")
        return held

    # -- objects the judge exposes to candidate code
    def _register(self, value: Any) -> int:
        key = id(value)
        sid = self._exposed_ids.get(key)
        if sid is None or self._exposed.get(sid) is not value:
            sid = self._next_exposed
            self._next_exposed += 1
            self._exposed[sid] = value
            self._exposed_ids[key] = sid
        return sid

    def expose(self, value: Any) -> dict[str, Any]:
        """Register a judge-side object for candidate code; the worker builds a stand-in from this.

        Its class is registered too, so that ``type(obj)(**params)`` in candidate code builds a new
        object of that class here (scikit-learn's ``clone`` does exactly that).
        """
        sid = self._register(value)
        kind = type(value)
        tid = self._register(kind)
        capabilities = [
            name
            for name, probe in (("call", "__call__"), ("iter", "__iter__"), ("next", "__next__"), ("len", "__len__"))
            if callable(getattr(kind, probe, None))
        ]
        methods = sorted(
            name
            for name in dir(kind)
            if not name.startswith("_")
            and callable(getattr(kind, name, None))
            and not isinstance(getattr(kind, name, None), type)
        )
        return {
            "$": "standin",
            "id": sid,
            "tid": tid,
            "type": getattr(kind, "__name__", "object")[:100],
            "caps": capabilities,
            "methods": methods,
        }

    def _serve_callback(self, header: dict[str, Any], blobs: list[wire.Blob]) -> tuple[dict[str, Any], list[wire.Blob]]:
        """Act on an exposed object for candidate code: public names only, data back."""
        kind, name = str(header.get("kind", "")), str(header.get("name", ""))
        target = self._exposed.get(header.get("id", -1))
        try:
            if target is None:
                raise LookupError("this object from the grader is no longer available")
            if name.startswith("_"):
                raise AttributeError(f"{name!r}: only public attributes of objects from the grader are reachable")
            args, kwargs = self._decode_reply(header.get("args", [[], {}]), blobs, "a call to a grader object")
            value = _act(kind, target, name, list(args), dict(kwargs))
        except StopIteration:
            return {"stop": True}, []
        except Exception as error:  # trusted code refused the candidate's call: tell the candidate
            return {"raised": {"type": type(error).__name__, "message": str(error)[:500]}}, []
        encoder = _encoder_for(self)
        try:
            tree = encoder.encode(value)
        except (TypeError, wire.WireError) as error:
            return {"raised": {"type": "TypeError", "message": str(error)[:500]}}, []
        return {"ok": tree}, encoder.blobs

    def _exchange(self, header: dict[str, Any], blobs: list[wire.Blob], timeout: float, what: str) -> dict[str, Any]:
        reply, _ = self._exchange_with_blobs(header, blobs, timeout, what)
        return reply

    def _exchange_with_blobs(
        self, header: dict[str, Any], blobs: list[wire.Blob], timeout: float, what: str, budget_bound: bool = False
    ) -> tuple[dict[str, Any], list[wire.Blob]]:
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        started = time.monotonic()
        serving = 0.0  # time spent here answering callbacks: the judge's, not the candidate's
        try:
            wire.write_frame(process.stdin.fileno(), header, blobs)
            while True:
                # Serving callbacks is the judge's time, not the candidate's, but only up to one more
                # timeout: candidate code must not keep the judge busy for ever on its behalf.
                deadline = started + timeout + min(serving, timeout)
                reply, reply_blobs = wire.read_frame(process.stdout.fileno(), deadline=deadline)
                if "op" not in reply:
                    return reply, reply_blobs
                began = time.monotonic()
                answer, answer_blobs = self._serve_callback(reply, reply_blobs)
                if self._process is not process:
                    raise CandidateCrashed(f"{what}: the candidate's process was restarted during the call")
                wire.write_frame(process.stdin.fileno(), answer, answer_blobs)
                serving += time.monotonic() - began
        except wire.FrameTimeout:
            self._stop()
            self.restarts += 1
            if budget_bound:
                raise BudgetExceeded(
                    f"{what}: time budget exceeded ({self.config.budget_seconds:g} s "
                    "of candidate time for this exercise)"
                ) from None
            raise CandidateTimeout(f"{what} timed out after {timeout:g} s") from None
        except (wire.PeerClosed, BrokenPipeError, OSError):
            code = _wait_code(process)
            self._stop()
            self.restarts += 1
            raise CandidateCrashed(f"{what}: the candidate's process {describe_exit(code)}") from None
        except wire.WireError as error:
            self._stop()
            self.restarts += 1
            raise MalformedReply(f"{what}: the candidate's process sent malformed data ({error})") from None
        finally:
            elapsed = time.monotonic() - started - serving
            self.spent_seconds += elapsed
            self.candidate_seconds += elapsed

    def _absorb(self, reply: dict[str, Any]) -> None:
        for violation in reply.get("violations", []) or []:
            text = str(violation)[:200]
            if text not in self.violations:
                self.violations.append(text)

    def _tagged_from_worker(self, tree: dict[str, Any]) -> Any:
        tag = tree.get("$")
        if tag in ("standin", "standin_method"):
            exposed = self._exposed.get(tree.get("id", -1))
            if exposed is None:
                raise wire.WireError("reply names an object the judge does not know")
            if tag == "standin":
                return exposed
            name = str(tree.get("name", ""))
            if name.startswith("_"):
                raise wire.WireError("reply names a private attribute")
            return getattr(exposed, name)
        return self._handle_from(tree)

    def _handle_from(self, tree: dict[str, Any]) -> RemoteObject:
        if tree.get("$") != "handle" or not isinstance(tree.get("id"), int):
            raise wire.WireError("unexpected tag in a reply")
        existing = self._proxies.get(int(tree["id"]))
        if existing is not None:
            return existing  # one proxy per live handle, so releasing it is safe
        methods = tuple(str(m) for m in tree.get("methods", []) if isinstance(m, str))
        remote = RemoteObject(
            self,
            int(tree["id"]),
            self.generation,
            str(tree.get("type", "object"))[:100],
            str(tree.get("name", ""))[:100],
            bool(tree.get("callable")),
            methods,
            tree.get("generator") is True,
        )
        self._proxies[remote._id] = remote
        if remote._id in self._pending_release:  # its old proxy died, but the object is back in hand
            self._pending_release.remove(remote._id)
        weakref.finalize(remote, self._release_later, int(tree["id"]), self.generation)
        return remote

    def _release_later(self, handle_id: int, generation: int) -> None:
        if generation == self.generation and handle_id != 0:
            self._pending_release.append(handle_id)
            self._read_ahead.pop(handle_id, None)


READ_AHEAD_FIRST_ITEMS = 8
READ_AHEAD_MAX_ITEMS = 64


@dataclass
class _ReadAhead:
    """Items of a candidate iterator read ahead of the judge, and how the iterator ended (if it did)."""

    items: collections.deque[Any] = field(default_factory=collections.deque)
    end: dict[str, Any] | None = None
    batch: int = READ_AHEAD_FIRST_ITEMS


def _raised(info: Any, what: str, *, missing_name: bool = False) -> BaseException:
    """The exception the judge raises for one the candidate's code raised (``info`` from the worker)."""
    raised = info if isinstance(info, dict) else {}
    if raised.get("type") == "NotImplementedError":
        where = str(raised.get("where", ""))[:200]
        return NotImplementedFault("not implemented" + (f" ({where})" if where else f" ({what})"))
    return candidate_exception(raised, what, missing_name=missing_name)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def _wait_code(process: subprocess.Popen[bytes]) -> int | None:
    try:
        return process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        return None


def _encoder_for(client: WorkerClient) -> wire.Encoder:
    """An encoder for arguments: data as data, handles as references, trusted specs as specs."""
    encoder: wire.Encoder

    def other(value: Any) -> dict[str, Any]:
        if isinstance(value, RemoteObject):
            if value._client is not client or value._generation != client.generation:
                raise CandidateCrashed("an object passed to candidate code was lost when its process was restarted")
            return {"$": "ref", "id": value._id}
        if isinstance(value, RemoteMethod):
            owner = value._owner
            return {"$": "method", "id": other(owner)["id"], "name": value._name}
        if isinstance(value, Trusted):
            return client.expose(value.build())
        return client.expose(value)

    encoder = wire.Encoder(other)
    return encoder


def _act(kind: str, target: Any, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Perform one callback on a judge-side object (the name is already known to be public)."""
    if kind == "getattr":
        return getattr(target, name)
    if kind == "callmethod":
        return getattr(target, name)(*args, **kwargs)
    if kind == "call":
        return target(*args, **kwargs)
    if kind == "deepcopy":
        return copy.deepcopy(target)
    if kind == "copy":
        return copy.copy(target)
    if kind == "iter":
        return iter(target)
    if kind == "next":
        return next(target)
    if kind == "len":
        return len(target)
    if kind == "getitem":
        return target[args[0]]
    raise ValueError(f"unknown callback {kind!r}")


def describe_exit(code: int | None) -> str:
    if code is None:
        return "stopped answering"
    if code > 128 and code - 128 in signal.valid_signals():
        code = 128 - code  # bubblewrap reports a child killed by signal N as exit status 128 + N
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        if name == "SIGKILL":
            return "was killed (SIGKILL: a resource limit, or memory exhausted)"
        if name == "SIGXCPU":
            return "used up its CPU-time limit (SIGXCPU)"
        return f"died from signal {name}"
    return f"exited with status {code} (sys.exit/os._exit called by candidate code?)"


def describe_fault(fault: dict[str, Any]) -> str:
    kind = str(fault.get("kind", "unknown"))
    detail = str(fault.get("detail", ""))[:300]
    if kind == "SystemExit":
        return f"candidate code called sys.exit ({detail}); the process was restarted"
    if kind == "KeyboardInterrupt":
        return "candidate code raised KeyboardInterrupt; the process was restarted"
    if kind == "MemoryError":
        return "candidate code ran out of memory (MemoryError); the process was restarted"
    return f"the candidate's process failed ({kind}: {detail})"


def describe_import_error(info: Any) -> str:
    if not isinstance(info, dict):
        return "the module could not be imported"
    kind = str(info.get("type", "Exception"))[:100]
    message = str(info.get("message", ""))[:500]
    where = str(info.get("where", ""))[:200]
    if kind == "SystemExit":
        return "the module calls sys.exit at import"
    if kind == "MemoryError":
        return "the module runs out of memory at import"
    location = f" ({where})" if where else ""
    return f"the module failed to import: {kind}: {message}{location}"


_EXCEPTION_CLASSES: dict[tuple[str, str], type[CandidateRaised]] = {}


def candidate_exception(info: Any, what: str, *, missing_name: bool = False) -> CandidateRaised:
    """Rebuild a candidate's exception as a class deriving from its built-in base and CandidateRaised."""
    info = info if isinstance(info, dict) else {}
    remote_type = str(info.get("type", "Exception"))[:100]
    message = str(info.get("message", ""))[:2000]
    bases = [str(b) for b in info.get("bases", []) if isinstance(b, str)]
    if missing_name and "AttributeError" in bases:
        error: CandidateRaised = MissingName(f"the module defines no `{what}`")
    else:
        error = _exception_class(remote_type, bases)(message)
    error.remote_type = remote_type
    error.location = str(info.get("where", ""))[:200]
    return error


def _exception_class(remote_type: str, bases: list[str]) -> type[CandidateRaised]:
    import builtins

    builtin: type[BaseException] = Exception
    for name in bases:
        candidate = getattr(builtins, name, None)
        if isinstance(candidate, type) and issubclass(candidate, Exception):
            builtin = candidate
            break
    key = (remote_type, builtin.__name__)
    if key not in _EXCEPTION_CLASSES:
        try:
            made = type(remote_type, (CandidateRaised, builtin), {"__module__": "candidate"})
        except TypeError:
            made = type(remote_type, (CandidateRaised,), {"__module__": "candidate"})
        _EXCEPTION_CLASSES[key] = made
    return _EXCEPTION_CLASSES[key]


_BUILD_TRUSTED_AT_ONCE = contextvars.ContextVar("build_trusted_at_once", default=False)


def build_trusted_at_once(at_once: bool) -> contextvars.Token[bool]:
    """In-process grading (benchmarks only): ``trusted(...)`` builds its object at once.

    The returned token undoes it (``undo_build_trusted_at_once``)."""
    return _BUILD_TRUSTED_AT_ONCE.set(at_once)


def undo_build_trusted_at_once(token: contextvars.Token[bool]) -> None:
    _BUILD_TRUSTED_AT_ONCE.reset(token)


def trusted_spec(path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """A ``Trusted`` spec, or with in-process grading the object itself."""
    spec = Trusted(path, args, kwargs)
    return spec.build() if _BUILD_TRUSTED_AT_ONCE.get() else spec


class Trusted:
    """A trusted object built in the judge for one call (import path plus arguments); candidate code
    receives a stand-in for it."""

    def __init__(self, path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.path = path
        self.args = args
        self.kwargs = kwargs

    def build(self) -> Any:
        return build_trusted(self.path, self.args, self.kwargs)

    def __repr__(self) -> str:
        return f"trusted({self.path!r})"


HYPOTHESIS_MOCK_PROBE = "hypothesis_internal_is_this_a_mock_check"
HYPOTHESIS_RUNNER_HOOKS = frozenset({"execute_example", "setup_example", "teardown_example"})


class RemoteObject:
    """A handle to an object that lives in the worker; attribute access and calls are forwarded."""

    __slots__ = (
        "__weakref__",
        "_callable",
        "_client",
        "_generation",
        "_generator",
        "_id",
        "_methods",
        "_name",
        "_type",
    )

    def __init__(
        self,
        client: WorkerClient,
        handle_id: int,
        generation: int,
        type_name: str,
        name: str,
        is_callable: bool,
        methods: tuple[str, ...],
        generator: bool = False,
    ) -> None:
        object.__setattr__(self, "_client", client)
        object.__setattr__(self, "_id", handle_id)
        object.__setattr__(self, "_generation", generation)
        object.__setattr__(self, "_type", type_name)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_callable", is_callable)
        object.__setattr__(self, "_methods", frozenset(methods))
        object.__setattr__(self, "_generator", generator)

    def _label(self) -> str:
        return str(self._name or self._type)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # protocol probes (numpy, pickle, copy) never reach the worker
        if name == HYPOTHESIS_MOCK_PROBE:
            # Hypothesis takes a test's first argument (``candidate``) as its runner and would hand each
            # example to that object's ``execute_example``: a candidate defining one could skip every
            # check. A "mock" is never made the runner, so every candidate object answers as one, here.
            return True
        if name in HYPOTHESIS_RUNNER_HOOKS:
            raise AttributeError(name)  # and should a Hypothesis ever stop asking, its hooks are not found
        if name in self._methods:
            return RemoteMethod(self, name)
        if self._id == 0:
            return self._client.module_attribute(name, self._generation)
        what = f"{self._label()}.{name}"
        kept, value = self._client.kept_attribute(self._id, self._generation, name, what)
        if kept:
            return value
        return self._client.request("getattr", target=self._id, generation=self._generation, what=what, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._id == 0:
            self._client.forget_module_attribute(name)
        self._client.request(
            "setattr",
            target=self._id,
            generation=self._generation,
            what=f"setting {self._label()}.{name}",
            name=name,
            args=value,
        )

    def __sklearn_tags__(self) -> Any:
        # scikit-learn's meta-estimators (a trusted Pipeline around a candidate scaler) ask every step
        # for its tags; candidate classes have none, so the judge answers with the defaults.
        from sklearn.utils import Tags, TargetTags, TransformerTags

        transformer = TransformerTags() if "transform" in self._methods else None
        return Tags(estimator_type=None, target_tags=TargetTags(required=False), transformer_tags=transformer)

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
        # ``vars(step)`` (scikit-learn's check_is_fitted) reads a snapshot of the candidate's attributes.
        snapshot = self._client.request(
            "vars", target=self._id, generation=self._generation, what=f"vars({self._label()})"
        )
        return dict(snapshot) if isinstance(snapshot, dict) else {}

    def __delattr__(self, name: str) -> None:
        if self._id == 0:
            self._client.forget_module_attribute(name)
        self._client.request(
            "delattr", target=self._id, generation=self._generation, what=f"deleting {self._label()}.{name}", name=name
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._client.request(
            "call",
            target=self._id,
            generation=self._generation,
            what=f"{self._label()}(...)",
            args=_call_args(args, kwargs),
        )

    def _method(self, name: str, *args: Any) -> Any:
        return self._client.request(
            "callmethod",
            target=self._id,
            generation=self._generation,
            what=f"{self._label()}.{name}",
            name=name,
            args=_call_args(args, {}),
        )

    def __iter__(self) -> Any:
        if self._generator:  # iter() of a generator is the generator: no round trip
            return self
        return self._method("__iter__")

    def __next__(self) -> Any:
        self._client.count_item(self._id, f"iterating {self._label()}")
        return self._client.next_item(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        # scikit-learn's clone() of a trusted pipeline around a candidate object lands here: the copy
        # is made where the object lives, by its own rules.
        return self._client.request(
            "deepcopy", target=self._id, generation=self._generation, what=f"copy.deepcopy({self._label()})"
        )

    def __copy__(self) -> Any:
        return self._client.request(
            "copy", target=self._id, generation=self._generation, what=f"copy.copy({self._label()})"
        )

    def __len__(self) -> int:
        no_length = f"object of type {self._type} has no len()"
        if self._generator:  # list(split(...)) asks for a length hint first; a generator has none
            raise TypeError(no_length)
        try:
            length = self._method("__len__")
        except AttributeError:  # list() asks for a length hint and expects TypeError when none
            raise TypeError(no_length) from None
        if not isinstance(length, int) or length < 0:
            raise TypeError(f"len() of a {self._type} object returned {type(length).__name__}")
        return int(length)

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._method("__getitem__", key)
        except AttributeError:
            raise TypeError(f"{self._type} object is not subscriptable") from None

    def __repr__(self) -> str:
        return f"<candidate {self._label()} object>"


class RemoteMethod:
    """A bound method of a remote object, called without a separate attribute round trip."""

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: RemoteObject, name: str) -> None:
        self._owner = owner
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        owner = self._owner
        return owner._client.request(
            "callmethod",
            target=owner._id,
            generation=owner._generation,
            what=f"{owner._label()}.{self._name}",
            name=self._name,
            args=_call_args(args, kwargs),
        )

    def __repr__(self) -> str:
        return f"<candidate method {self._owner._label()}.{self._name}>"


TRUSTED_PREFIXES = ("sklearn.", "numpy.", "grader.testing.spies.")


def build_trusted(path: str, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> Any:
    """Construct ``path(*args, **kwargs)`` here, in the judge (scikit-learn, NumPy or a grader spy)."""
    import importlib

    if not path.startswith(TRUSTED_PREFIXES):
        raise ValueError(f"building {path!r} is not allowed; trusted objects come from {', '.join(TRUSTED_PREFIXES)}")
    module_name, _, attribute = path.rpartition(".")
    return getattr(importlib.import_module(module_name), attribute)(*args, **(kwargs or {}))


def _call_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    return [list(args), dict(kwargs)]


def same_object(first: Any, second: Any) -> bool:
    """Whether two values are the same object (the same handle, for candidate objects)."""
    if isinstance(first, RemoteObject) and isinstance(second, RemoteObject):
        return first._client is second._client and first._id == second._id and (first._generation == second._generation)
    return first is second


Call = Callable[[], Any]
