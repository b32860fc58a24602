"""Batches: inputs -> tasks -> the pipeline in worker processes (or on Dask) -> the store.

Workers only run the per-document pipeline and return document dicts; this process is
the single writer, one transaction per document. Inputs: files, directories, globs,
JSONL files (records ``{"text"|"html", "title", "published", "url", "source"}`` or whole
``rawi.document/1`` documents, stored as they are), saved HTML pages and RSS/Atom feed
files (each entry a document with its own date and link). A ``SOURCES.json`` next to
input files (a list of ``{"file", "published", "outlet", "url"}``) supplies their
metadata.

Safety: an input already complete in the store (``inputs`` table, by the hash of its
bytes) is skipped before any work, and a document whose content hash is stored is
skipped at write time, so a rerun after an interruption resumes where it stopped. A
failing document is recorded in ``failures`` and never stops the batch.
"""

from __future__ import annotations

import calendar
import gc
import glob
import hashlib
import html as htmllib
import inspect
import json
import re
import signal
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rawi.store import Store
from rawi.store.write import add_document, has_input, input_count, record_failure

TEXT_SUFFIXES = {".txt", ".text"}  # README/notes (.md) beside articles are not articles
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES
SIDECAR = "SOURCES.json"


@dataclass
class Summary:
    ingested: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def rate(self) -> float:
        return (self.ingested + self.skipped) / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        out = [f"ingested {self.ingested}, skipped {self.skipped} (already present), failed {len(self.failed)}"
               f" in {self.seconds:.1f} s ({self.rate:.1f} docs/s)" + (" — interrupted" if self.interrupted else "")]
        out += [f"  failed: {src}: {why}" for src, why in self.failed]
        return out


# ---- inputs -> tasks ------------------------------------------------------------------
def expand(inputs: Iterable[str | Path], jsonl: bool = False) -> Iterator[Path]:
    """Files named by ``inputs`` (files, directories walked recursively, globs), in order."""
    seen: set[Path] = set()
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                           and f.name != SIDECAR and (f.suffix.lower() in ALL_SUFFIXES or jsonl))
        elif p.exists():
            files = [p]
        elif any(c in str(raw) for c in "*?["):
            files = sorted(Path(f) for f in glob.glob(str(raw), recursive=True) if Path(f).is_file())
        else:
            files = [p]  # reported as a failure (missing) by the worker
        for f in files:
            if f not in seen:
                seen.add(f)
                yield f


@lru_cache(maxsize=256)
def _sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    p = folder / SIDECAR
    try:
        return {e["file"]: e for e in json.loads(p.read_text(encoding="utf-8")) if isinstance(e, dict) and "file" in e}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def _kind_of(path: Path, data: bytes, jsonl: bool) -> str:
    suffix = path.suffix.lower()
    if jsonl or suffix in JSONL_SUFFIXES:
        return "jsonl"
    head = data[:2048].lstrip().lower()
    if suffix in FEED_SUFFIXES or re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    return "file"


def tasks_for(path: Path, data: bytes, jsonl: bool = False) -> list[dict[str, Any]]:
    """The documents one input file holds, as small picklable task dicts."""
    kind = _kind_of(path, data, jsonl)
    if kind == "file":
        side = _sidecar(path.parent.resolve()).get(path.name, {})
        meta = {k: side[k] for k in ("outlet", "url", "license") if side.get(k)}
        return [{"kind": "path", "path": str(path), "source": str(path), "published": side.get("published"),
                 "meta": meta}]
    if kind == "jsonl":
        out = []
        for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            src = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except ValueError as e:
                out.append({"kind": "error", "source": src, "error": f"bad JSON line: {e}"})
                continue
            if not isinstance(rec, dict):
                out.append({"kind": "error", "source": src, "error": "JSON line is not an object"})
            elif rec.get("schema") == "rawi.document/1":
                out.append({"kind": "doc", "source": rec.get("source") or src, "doc": rec})
            else:
                out.append({"kind": "html" if rec.get("html") else "text", "source": rec.get("source") or rec.get("url") or src,
                            "content": rec.get("html") or rec.get("text") or "", "title": rec.get("title"),
                            "published": rec.get("published"), "meta": {k: rec[k] for k in ("url", "outlet")
                                                                        if rec.get(k)}})
        return out
    return _feed_tasks(path, data)


def _feed_tasks(path: Path, data: bytes) -> list[dict[str, Any]]:
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        return [{"kind": "error", "source": str(path), "error": f"unreadable feed: {feed.get('bozo_exception')}"}]
    outlet = feed.feed.get("title") or None
    out = []
    for i, e in enumerate(feed.entries):
        content = ""
        if e.get("content"):
            content = e.content[0].get("value", "")
        content = content or e.get("summary", "")
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(stamp))) if stamp else None
        link = e.get("link")
        meta = {k: v for k, v in (("url", link), ("outlet", outlet), ("feed", str(path))) if v}
        # an entry's content is an HTML fragment, not a page: tags are stripped, not main-text extracted
        out.append({"kind": "html", "fragment": True, "source": link or f"{path}#{i}", "content": content,
                    "title": e.get("title"), "published": published, "meta": meta})
    return out


# ---- worker side ----------------------------------------------------------------------
def _call(fn, *args, **kwargs):
    """Call an ingest function with the keyword arguments it accepts."""
    params = inspect.signature(fn).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def _strip_tags(s: str) -> str:
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?i)<\s*(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", s)
    s = htmllib.unescape(re.sub(r"<[^>]+>", "", s))
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n|\n", s) if p.strip())


def to_document(task: dict[str, Any]):
    from rawi import ingest
    from rawi.document import Document

    kind = task["kind"]
    if kind == "path" and task.get("data") is not None and hasattr(ingest, "load_bytes"):
        doc = _call(ingest.load_bytes, task["data"], name=task["path"], published=task.get("published"))
    elif kind == "path":
        doc = _call(ingest.load_path, task["path"], published=task.get("published"))
    elif kind == "html":
        if hasattr(ingest, "from_html") and not task.get("fragment"):
            doc = _call(ingest.from_html, task["content"], title=task.get("title"), published=task.get("published"),
                        source=task["source"], url=(task.get("meta") or {}).get("url"))
        else:
            doc = ingest.from_text(_strip_tags(task["content"]), title=task.get("title"),
                                   published=task.get("published"), source=task["source"])
    elif kind == "text":
        doc = ingest.from_text(task["content"], title=task.get("title"), published=task.get("published"),
                               source=task["source"])
    elif kind == "doc":
        return Document.from_dict(task["doc"])
    else:
        raise ValueError(task.get("error") or f"unknown task kind {kind!r}")
    if task.get("title") and not doc.title:
        doc.title = task["title"]
    if task.get("published") and not doc.published:
        doc.published = task["published"]
    for k, v in (task.get("meta") or {}).items():
        doc.meta.setdefault(k, v)
    if not doc.source:
        doc.source = task["source"]
    return doc


def run_task(task: dict[str, Any]) -> dict[str, Any]:
    """Worker entry point: one task to ``{"ok": True, "doc": dict}`` or ``{"ok": False, ...}``."""
    from rawi.pipeline import process

    try:
        doc = to_document(task)
        if task["kind"] != "doc":
            process(doc)
        doc.validate()  # a document that breaks the contract is recorded as a failure, never stored
        d = doc.to_dict()
        if not d["text"].strip():
            raise ValueError("empty document: no text after ingestion")
        from rawi.store.write import search_text

        return {"ok": True, "doc": d, "search_text": search_text(d["text"], doc.tokens)}
    except Exception as e:  # noqa: BLE001 - every failure is recorded, none stops the batch
        code = getattr(e, "code", None) or type(e).__name__
        return {"ok": False, "code": str(code), "error": f"{type(e).__name__}: {e}",
                "trace": traceback.format_exc(limit=3)}


def _preload() -> None:
    from rawi.ingest import from_text
    from rawi.pipeline import process

    try:
        process(from_text("قال الرئيس في دمشق أمس إن الوفد زار موسكو."))
    except Exception:  # noqa: BLE001 - a stage that fails here fails again, per document, in the workers
        pass


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the batch


# ---- executors ------------------------------------------------------------------------
class _Serial:
    def submit(self, task):
        return run_task(task)

    def done(self, pending):
        return [(p, p) for p in pending[:1]]

    def close(self, cancel=False):
        pass


def _result(future) -> dict[str, Any]:
    """A finished future's result; a crashed worker (killed, out of memory) is one failed document."""
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "code": "worker", "error": f"worker failed: {type(e).__name__}: {e}"}


class _Processes:
    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = self._new()

    def _new(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, mp_context=mp.get_context("fork"), initializer=_worker_init)

    def submit(self, task):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(run_task, task)
        except BrokenProcessPool:  # a worker died: the documents in flight failed; go on with a new pool
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()
            return self.pool.submit(run_task, task)

    def done(self, pending):
        from concurrent.futures import FIRST_COMPLETED, wait

        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        return [(f, _result(f)) for f in finished]

    def close(self, cancel=False):
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _Dask:
    def __init__(self, jobs: int, scheduler: str | None):
        import dask
        from dask.distributed import Client, LocalCluster

        # the workers' statistical profiler samples every thread every 10 ms: a real cost on pure-Python tasks
        dask.config.set({"distributed.worker.profile.enabled": False})
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, jobs), processes=True, threads_per_worker=1,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.completed = None

    def submit(self, task):
        from dask.distributed import as_completed

        fut = self.client.submit(run_task, task, pure=False)
        if self.completed is None or self.completed.is_empty():
            # results are fetched in the background as tasks finish
            self.completed = as_completed([fut], with_results=True, raise_errors=False)
        else:
            self.completed.add(fut)
        return fut

    def done(self, pending):
        out = []
        for fut, res in self.completed.next_batch(block=True):
            if isinstance(res, BaseException):
                res = {"ok": False, "code": "worker", "error": f"worker failed: {type(res).__name__}: {res}"}
            out.append((fut, res))
        return out

    def close(self, cancel=False):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ---- the batch ------------------------------------------------------------------------
def ingest(inputs: Iterable[str | Path], db: str | None = None, *, jobs: int = 1, jsonl: bool = False,
           engine: str = "local", scheduler: str | None = None, progress: bool = True,
           store: Store | None = None) -> Summary:
    """Ingest ``inputs`` into the store at ``db``; returns what happened."""
    own = store is None
    store = store or Store(db)
    summary = Summary()
    t0 = time.perf_counter()
    files = list(expand(inputs, jsonl))
    if engine == "dask":
        ex: Any = _Dask(jobs, scheduler)
    else:
        _preload()  # load the stages' data once (forked workers share it)
        # The loaded models and word lists live as long as the process: out of the garbage
        # collector's sight, full collections stay cheap (-1.2 ms a document measured; in one
        # process too: benchmarks/bench_events.py) and do not touch, so copy, the pages the
        # forked workers share.
        gc.freeze()
        ex = _Processes(jobs) if jobs > 1 else _Serial()
    if isinstance(ex, _Processes):
        ex.submit({"kind": "warm-up", "source": "-"}).result()  # fork the workers before the bar's thread starts
    window = max(4, (16 if engine == "dask" else 4) * jobs)  # documents in flight (Dask: more, to hide latency)
    bar = _Bar(len(files), progress)
    remaining: dict[str, list] = {}  # input hash -> [source, documents left, documents, any failure]
    pending: dict[Any, dict] = {}
    crashed: list[dict] = []

    def finish(task: dict, result: dict) -> None:
        if result.get("code") == "worker" and not task.get("retried") and isinstance(ex, _Processes):
            crashed.append(task)  # a crashed worker takes the documents in flight with it: retried alone later
            return
        ih = task.get("input_hash")
        state = remaining.get(ih)
        if state:
            state[1] -= 1
        done = (ih, state[0], state[2]) if state and state[1] == 0 and not state[3] else None
        if state and state[1] == 0:
            remaining.pop(ih)
        if result.get("ok"):
            try:
                status, _ = add_document(store, result["doc"], input_hash=ih, input_done=done,
                                         stext=result.get("search_text"))
            except Exception as e:  # noqa: BLE001 - a store error on one document is recorded too
                result = {"ok": False, "code": "store", "error": f"{type(e).__name__}: {e}"}
            else:
                if status == "ingested":
                    summary.ingested += 1
                else:
                    summary.skipped += 1
        if not result.get("ok"):
            if state:
                state[3] = True
            summary.failed.append((task["source"], result["error"]))
            record_failure(store, task["source"], result["error"], result.get("code"), ih)
        bar.advance(summary)

    def drain(block_until: int) -> None:
        while len(pending) > block_until:
            for fut, result in ex.done(list(pending)):
                finish(pending.pop(fut), result)

    try:
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as e:
                summary.failed.append((str(path), f"unreadable: {e}"))
                record_failure(store, str(path), f"unreadable: {e}", "unreadable")
                bar.advance(summary, files=1)
                continue
            ih = hashlib.sha256(data).hexdigest()
            if ih in remaining:  # the same bytes twice in this batch (a copy): its documents are on their way
                summary.skipped += 1
                bar.advance(summary, files=1)
                continue
            if has_input(store, ih):
                summary.skipped += input_count(store, ih)
                bar.advance(summary, files=1, docs=0)
                continue
            tasks = tasks_for(path, data, jsonl)
            if engine == "dask":  # Dask workers may not share this filesystem: send the bytes
                for t in tasks:
                    if t["kind"] == "path":
                        t["data"] = data
            del data
            remaining[ih] = [str(path), len(tasks), len(tasks), False]
            bar.add(len(tasks) - 1)
            for task in tasks:
                task["input_hash"] = ih
                if task["kind"] == "error":
                    finish(task, {"ok": False, "code": "input", "error": task["error"]})
                    continue
                if isinstance(ex, _Serial):
                    finish(task, ex.submit(task))
                else:
                    pending[ex.submit(task)] = task
                    drain(window)
            if not tasks:
                remaining.pop(ih, None)
        drain(0)
        if crashed:  # one at a time, so that only a document that crashes a worker by itself fails
            ex.close()
            ex = _Processes(1)
            for task in crashed:
                task["retried"] = True
                finish(task, _result(ex.submit(task)))
    except KeyboardInterrupt:
        summary.interrupted = True
        ex.close(cancel=True)
        ex = None
    finally:
        if ex is not None:
            ex.close()
        bar.close()
        summary.seconds = time.perf_counter() - t0
        if own:
            store.close()
    return summary


class _Bar:
    """A rich progress bar (on stderr) with rate and ETA; silent when ``enabled`` is false."""

    def __init__(self, total: int, enabled: bool):
        self.progress = None
        self.t0 = time.perf_counter()
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn("ingest"), BarColumn(bar_width=20), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(),
                                 TextColumn("{task.fields[status]}"), console=Console(stderr=True))
        self.task = self.progress.add_task("ingest", total=total, rate="-", status="")
        self.progress.start()

    def add(self, n: int) -> None:
        if self.progress and n:
            self.progress.update(self.task, total=self.progress.tasks[0].total + n)

    def advance(self, s: Summary, files: int = 1, docs: int = 1) -> None:
        if self.progress:
            rate = (s.ingested + s.skipped) / max(1e-9, time.perf_counter() - self.t0)
            self.progress.update(self.task, advance=files, rate=f"{rate:.1f}",
                                 status=f"new {s.ingested} skip {s.skipped} fail {len(s.failed)}")

    def close(self) -> None:
        if self.progress:
            self.progress.stop()
