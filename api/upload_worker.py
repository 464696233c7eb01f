"""Uploaded notices are read and extracted in a worker process, with a time limit each.

Why a process and not the request's thread: reading and extracting run pure-Python
and regex code that a thread cannot interrupt, so one crafted notice could pin a
core for as long as it liked, hold up every later upload and keep the server from
shutting down (it ignored SIGTERM for the 28 CPU-minutes a 100,000-deep page took).
A process can be stopped: when a notice runs past its limit the worker is killed,
the notice is reported as skipped with the reason, and a fresh worker takes the
next notice. The worker loads the pipeline once, before its first notice, so the
start-up is not charged to any notice; it is a daemon, so it ends with the server.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ingest.read import Skipped
from ingest.records import NoticeRecord

#: Seconds a new worker may take to load the pipeline before the upload gives up.
START_TIMEOUT_S = 180.0


def _serve(conn: Connection) -> None:
    """The worker's loop: a path in, a NoticeRecord or Skipped out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server's Ctrl-C is the server's
    from ingest import pipeline
    from ingest.extract import iter_extract

    pipeline.get()
    conn.send("ready")
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        try:
            items = list(iter_extract([Path(path)]))
            answer: Any = items[0] if items else Skipped(Path(path), "no notice in the file")
        except Exception as exc:  # noqa: BLE001 - the parent needs an answer, not a dead pipe
            answer = Skipped(Path(path), f"extraction failed: {type(exc).__name__}: {exc}")
        conn.send(_without_folder(answer, Path(path)))


def _without_folder(answer: Any, path: Path) -> Any:
    """The answer with no trace of the private folder the upload was written to: a
    record's source is the page's URL or the bare file name (api.uploads names it
    `upload://<name>`), a reason does not quote the folder."""
    folder = str(path.parent)
    if isinstance(answer, NoticeRecord):
        if not answer.source.lower().startswith(("http://", "https://")):
            answer.source = path.name
    elif isinstance(answer, Skipped):
        answer.reason = answer.reason.replace(folder + "/", "").replace(folder, "")
    return answer


class ExtractionWorker:
    """One extraction process, used by one upload at a time, replaced when it overruns."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None

    def _ensure(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self._stop()
        ctx = mp.get_context("spawn")  # a clean interpreter: no threads or sockets inherited
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True,
                           name="anquan-kg-upload-extract")
        proc.start()
        child.close()
        if not parent.poll(START_TIMEOUT_S) or parent.recv() != "ready":
            proc.kill()
            raise RuntimeError("the extraction worker did not start")
        self._proc, self._conn = proc, parent
        return parent

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(5)
        self._proc = self._conn = None

    def extract(self, paths: list[Path], timeout_s: float) -> list[NoticeRecord | Skipped]:
        """Each file's record, or Skipped with the reason; a file still running after
        `timeout_s` seconds is skipped and its worker killed."""
        out: list[NoticeRecord | Skipped] = []
        with self._lock:
            for path in paths:
                conn = self._ensure()
                conn.send(str(path))
                try:
                    ready = conn.poll(timeout_s)
                    answer = conn.recv() if ready else None
                except (EOFError, OSError):
                    ready, answer = True, Skipped(path, "extraction failed: the worker stopped")
                    self._stop()
                if not ready:
                    self._stop()
                    answer = Skipped(path, f"extraction took longer than {timeout_s:g} s and "
                                           "was stopped (KG_UPLOAD_NOTICE_TIMEOUT)")
                out.append(answer)
        return out

    def close(self) -> None:
        with self._lock:
            self._stop()


class WorkerPool:
    """At most `size` workers, each serving one upload at a time: a second upload does not
    wait for the first one's notices (as it did behind one upload lock), and the pipeline
    is loaded `size` times at most (each worker keeps it)."""

    def __init__(self, size: int = 2) -> None:
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._idle: queue.LifoQueue[ExtractionWorker] = queue.LifoQueue()

    @contextmanager
    def worker(self) -> Iterator[ExtractionWorker]:
        with self._slots:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                w = ExtractionWorker()
            try:
                yield w
            finally:
                self._idle.put(w)


_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def worker_pool(size: int = 2) -> WorkerPool:
    """The process-wide pool (made on the first upload)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool(size)
        return _pool
