"""Ingest throughput, peak memory and timeline latency on the dev corpus repeated.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 2000] [--jobs 2] [--sizes 500,1000] [--no-dask]

Builds N distinct documents from ../shared/corpus (the founding article and the dev
articles, each copy with a numbered line appended so idempotence does not skip it, with a
SOURCES.json giving each copy its article's date and outlet), then times
``rawi ingest DIR -j JOBS`` into a fresh SQLite file (docs/s, and the peak memory of the
whole process tree, sampled every 0.1 s), the same at smaller sizes (memory should stay
flat), the same on a local Dask cluster, and ``rawi timeline`` on the result (the query
function in-process, and the whole command including interpreter start-up). Prints
figures only; asserts nothing. It competes for the machine's cores: note the load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RAWI = str(Path(sys.executable).parent / "rawi")


def build(folder: Path, n: int) -> None:
    sources = {e["file"]: e for e in json.loads((CORPUS / "dev" / "SOURCES.json").read_text("utf-8"))}
    base = [(p, sources.get(p.name, {})) for p in sorted((CORPUS / "dev").glob("*.txt"))]
    base.append((CORPUS / "palace-leaks.txt", {}))
    texts = [(p.stem, p.read_text("utf-8"), s) for p, s in base]
    folder.mkdir(parents=True)
    side = []
    for i in range(n):
        stem, text, s = texts[i % len(texts)]
        name = f"{i:05d}_{stem}.txt"
        (folder / name).write_text(text + f"\n\n(نسخة رقم {i})\n", encoding="utf-8")
        side.append({"file": name, "published": s.get("published"), "outlet": s.get("outlet")})
    (folder / "SOURCES.json").write_text(json.dumps(side, ensure_ascii=False), encoding="utf-8")


def run_measured(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MiB of the process and all its children, stdout)."""
    import psutil

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample():
        nonlocal peak
        try:
            proc = psutil.Process(p.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            try:
                rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                peak = max(peak, rss / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    if p.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {err[-2000:]}")
    return wall, peak, out.strip()


def time_timeline(db: Path) -> None:
    """`rawi timeline` on a store: the query in-process, and the whole command."""
    sys.path.insert(0, str(ROOT))
    from rawi.corpus.queries import timeline
    from rawi.store.reader import open_reader

    for actor in ("بشار الأسد", None):
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            with open_reader(str(db)) as r:
                rows = timeline(r, actor=actor)
            times.append(time.perf_counter() - t0)
        reports = sum(len(r["reports"]) for r in rows)
        print(f"timeline(actor={actor!r}) in-process: median {statistics.median(times) * 1000:.0f} ms, "
              f"min {min(times) * 1000:.0f} ms ({len(rows)} merged events, {reports} reports)")
    # the default lists the first 200 events in date order (a line on stderr says more match)
    for extra in (["--actor", "بشار الأسد"], [], ["--limit", "0"]):
        times, cpu, lines = [], [], 0
        for _ in range(7):
            ru0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            out = subprocess.run([RAWI, "timeline", *extra, "--db", str(db)], capture_output=True, check=True)
            ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(time.perf_counter() - t0)
            cpu.append(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime)
            lines = out.stdout.count(b"\n")
        # CPU time (user + sys) is what the command costs; wall time also counts waiting for a
        # core, which on this shared 2-core machine can be most of it.
        print(f"`rawi timeline {' '.join(extra)}` whole command: wall median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}), CPU median {statistics.median(cpu) * 1000:.0f} ms "
              f"({lines} lines; includes Python start-up and imports)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sizes", default="500,1000", help="smaller runs, to see memory stay flat")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--timeline-only", metavar="DB", help="only time `rawi timeline` on this existing store")
    args = ap.parse_args()
    if args.timeline_only:
        print(f"load average {os.getloadavg()[0]:.2f} at start")
        time_timeline(Path(args.timeline_only))
        print(f"load average {os.getloadavg()[0]:.2f} at end")
        return
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} not found")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sizes = sorted({int(s) for s in args.sizes.split(",") if s} | {args.docs})
        for n in sizes:
            build(tmp / f"c{n}", n)
        for n in sizes:
            db = tmp / f"local{n}.db"
            wall, peak, out = run_measured([RAWI, "ingest", str(tmp / f"c{n}"), "--db", str(db), "-j",
                                            str(args.jobs), "--no-progress"])
            print(f"local -j {args.jobs}: {n} docs in {wall:.1f} s = {n / wall:.1f} docs/s (whole command), "
                  f"peak RSS {peak:.0f} MiB (all processes) | {out.splitlines()[0]}")
        db = tmp / f"local{args.docs}.db"
        wall, _, out = run_measured([RAWI, "ingest", str(tmp / f"c{args.docs}"), "--db", str(db), "--no-progress"])
        print(f"rerun (all present): {wall:.2f} s | {out.splitlines()[0]}")
        if not args.no_dask:
            ddb = tmp / "dask.db"
            wall, peak, out = run_measured([RAWI, "ingest", str(tmp / f"c{args.docs}"), "--db", str(ddb), "-j",
                                            str(args.jobs), "--engine", "dask", "--no-progress"])
            print(f"dask LocalCluster {args.jobs} workers: {args.docs} docs in {wall:.1f} s = "
                  f"{args.docs / wall:.1f} docs/s (with cluster start-up), peak RSS {peak:.0f} MiB | "
                  f"{out.splitlines()[0]}")
        time_timeline(db)
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
