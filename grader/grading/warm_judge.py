"""The client of the warm judge server (``judge_server.py``): start it once, ask it for judges.

One server per environment (less the variables only a running judge reads, such as pytest's
``PYTEST_CURRENT_TEST`` or ``MLGRADE_EXERCISES``), started on first use; the two most recently used
are kept, older ones are closed. Each judge still gets the exact environment of its request. A
server that cannot start, or dies, is not retried, and ``runner.run_judge`` starts judges from
scratch as before.
``MLGRADE_WARM_JUDGE=off`` turns the server off.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from grader.core.banks import BANK_VARIABLES

START_TIMEOUT_SECONDS = 120.0
REPLY_TIMEOUT_SECONDS = 60.0
VARIABLE = "MLGRADE_WARM_JUDGE"
# Sent to each judge, but read only once it runs (after the fork), never by anything the server
# imports: no reason for a server of their own. pytest sets the first anew for every test; the others
# name banks and caches, which the test suite points at a new folder in many of its tests (a server
# per folder cost 34 starts of 1.5 s in one ``make test-fast``).
VOLATILE_VARIABLES = frozenset({"PYTEST_CURRENT_TEST", *BANK_VARIABLES, "MLGRADE_CACHE", "XDG_CACHE_HOME"})
KEPT_SERVERS = 2


@dataclass
class Judge:
    """A forked judge: its pid, its stdout and stderr (read ends), and how to wait for its exit."""

    pid: int
    stdout: int
    stderr: int
    wait_exit: Callable[[float], int | None]


class JudgeServer:
    """One running ``judge_server`` and the socket to it."""

    def __init__(self, env: dict[str, str], limit: Callable[[], None]) -> None:
        self._folder = tempfile.mkdtemp(prefix="mlgrade-judge-server-")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-P", "-s", "-m", "grader.grading.judge_server", "--socket", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                env=env,
                cwd=self._folder,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=limit,
            )
        finally:
            theirs.close()
        self._channel = ours
        self._send_lock = threading.Lock()
        self._waiting: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._waiting_lock = threading.Lock()
        self._next_id = 1
        self.alive = True
        ours.settimeout(START_TIMEOUT_SECONDS)
        try:
            ready = json.loads(ours.recv(1 << 16) or b"{}")
        except (OSError, ValueError):
            ready = {}
        ours.settimeout(None)
        if not ready.get("ready"):
            self.close()
            raise OSError("the warm judge server did not start")
        threading.Thread(target=self._read_replies, daemon=True).start()

    def _read_replies(self) -> None:
        while True:
            try:
                data = self._channel.recv(1 << 16)
                message = json.loads(data) if data else None
            except (OSError, ValueError):
                message = None
            if not isinstance(message, dict):
                self.alive = False
                with self._waiting_lock:
                    for pending in self._waiting.values():
                        pending.put({"error": "the warm judge server stopped"})
                return
            with self._waiting_lock:
                waiting = self._waiting.get(int(message.get("id") or 0))
            if waiting is not None:
                waiting.put(message)

    def start(self, argv: list[str], cwd: str, env: dict[str, str]) -> Judge | None:
        """Fork a judge running ``argv`` in ``cwd``; ``None`` when the server cannot (use a fresh process)."""
        if not self.alive:
            return None
        stdout_read, stdout_write = os.pipe()
        stderr_read, stderr_write = os.pipe()
        replies: queue.Queue[dict[str, Any]] = queue.Queue()
        with self._waiting_lock:
            request_id, self._next_id = self._next_id, self._next_id + 1
            self._waiting[request_id] = replies
        message = json.dumps({"id": request_id, "argv": argv, "cwd": cwd, "env": env}).encode()
        try:
            with self._send_lock:
                descriptors = array.array("i", [stdout_write, stderr_write])
                self._channel.sendmsg([message], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, descriptors)])
        except OSError:
            self.alive = False
        finally:
            os.close(stdout_write)
            os.close(stderr_write)
        started = self._reply(replies, REPLY_TIMEOUT_SECONDS) if self.alive else None
        if started is None or not isinstance(started.get("pid"), int):
            self._forget(request_id)
            os.close(stdout_read)
            os.close(stderr_read)
            return None

        def wait_exit(timeout: float) -> int | None:
            ended = self._reply(replies, timeout)
            self._forget(request_id)
            code = ended.get("exit") if ended is not None else None
            return code if isinstance(code, int) else None

        return Judge(int(started["pid"]), stdout_read, stderr_read, wait_exit)

    def _reply(self, replies: queue.Queue[dict[str, Any]], timeout: float) -> dict[str, Any] | None:
        try:
            reply = replies.get(timeout=timeout)
        except queue.Empty:
            return None
        return None if "error" in reply else reply

    def _forget(self, request_id: int) -> None:
        with self._waiting_lock:
            self._waiting.pop(request_id, None)

    def close(self) -> None:
        self.alive = False
        with contextlib.suppress(OSError):
            # shutdown, not only close: the reader thread blocked in recv keeps a closed socket open,
            # and the server would wait for its end of file.
            self._channel.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self._channel.close()  # the server sees the socket close and exits
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=5)
        if self._process.poll() is None:
            self._process.kill()
        shutil.rmtree(self._folder, ignore_errors=True)


_servers: dict[tuple[tuple[str, str], ...], JudgeServer | None] = {}  # least recently used first
_servers_lock = threading.Lock()
_policy = {"start": True}


@contextlib.contextmanager
def starting_servers(allowed: bool) -> Iterator[None]:
    """Within this block ``server_for`` may start a server, or only hand out one already running.

    A command that starts a single judge (``mlgrade grade`` of one exercise) turns starting off: a
    server's preload (1.5 s) would only delay that one judge (a one-exercise grading from the command
    line: 2.4 s with a server, 1.3-1.6 s without). The previous setting returns after the block.
    """
    before, _policy["start"] = _policy["start"], allowed
    try:
        yield
    finally:
        _policy["start"] = before


def server_for(env: dict[str, str], limit: Callable[[], None]) -> JudgeServer | None:
    """The warm server for this environment (started on first use), or ``None`` if off or unavailable."""
    if env.get(VARIABLE, "").lower() in ("0", "off", "no", "false") or not hasattr(os, "pidfd_open"):
        return None
    key = tuple(sorted((name, value) for name, value in env.items() if name not in VOLATILE_VARIABLES))
    with _servers_lock:
        if key not in _servers and not _policy["start"]:
            return None
        if key not in _servers:
            while len(_servers) >= KEPT_SERVERS:
                oldest = _servers.pop(next(iter(_servers)))
                if oldest is not None:
                    oldest.close()  # its running judges finish on their own; their results are files
            try:
                _servers[key] = JudgeServer(env, limit)
            except OSError:
                _servers[key] = None
        server = _servers.pop(key)
        _servers[key] = server  # most recently used last
    return server if server is not None and server.alive else None


@atexit.register
def _close_all() -> None:
    with _servers_lock:
        for server in _servers.values():
            if server is not None:
                server.close()
        _servers.clear()
