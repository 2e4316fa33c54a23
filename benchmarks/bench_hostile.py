"""Hostile PDFs, timed and weighed: ``python benchmarks/bench_hostile.py [--only NAME] [--keep DIR]``.

Builds the six PDFs of ``tests/extractors/hostile_pdfs.py`` (390 image-only pages, a 40000x40000 image, a 400 MB
inflating stream, 200,000 nested arrays, a page tree claiming 100 million pages, a poster-size page) and runs
``vendor-assurance extract --json`` on each in its own process, as a user or the service would, with the default
limits. For each it prints the wall time, the outcome (error code, or pages read with warnings), and two memory
figures for the whole extraction (the CLI, its reader child and the Tesseract processes):

  * ``peak tree RSS``: the largest sum of the resident sizes of every process in the tree, sampled every 20 ms;
  * ``peak process RSS``: the largest resident size any one process of it reached (the kernel's ``ru_maxrss``).

Target (issue 11): each within 45 s and under 768 MB. Exit status 1 when one misses it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extractors.hostile_pdfs import HOSTILE  # noqa: E402

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
LIMIT_SECONDS = 45.0
LIMIT_MB = 768.0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(p) for p in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        stack.extend(_children(pid))
    return total / 1024


def measure(path: Path) -> dict[str, object]:
    """Run the CLI on ``path`` in a fresh process; time it and sample its process tree's memory."""
    cli = Path(sys.executable).with_name("vendor-assurance")
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-c", "import sys; from service.cli import main; "
                                                                  "sys.exit(main())"]
    started = time.perf_counter()
    # a wrapper process reports the largest resident size of any process below it (the kernel's ru_maxrss)
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cmd, "extract", "--json", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    lines = err.decode(errors="replace").splitlines()
    maxrss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    err = "\n".join(lines[:-1]).encode()
    result: dict[str, object] = {"seconds": round(seconds, 2), "peak_tree_mb": round(peak, 1),
                                 "peak_process_mb": round(maxrss / 1024, 1), "exit": proc.returncode}
    try:
        extraction = json.loads(out.decode().splitlines()[0])
    except (IndexError, ValueError):
        result["outcome"] = f"no JSON; stderr: {err.decode(errors='replace')[-300:]}"
        return result
    error = extraction.get("error")
    if error:
        result["outcome"] = f"error {error['code']}: {error['message'][:160]}"
    else:
        result["outcome"] = f"{extraction['file'].get('pages')} pages, kind {extraction.get('kind')}"
    result["warnings"] = [w[:160] for w in extraction.get("warnings") or []]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run only the PDFs whose name contains this text")
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder (and keep them)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per PDF")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, build in HOSTILE.items():
        if args.only and args.only.lower() not in name.lower():
            continue
        path = folder / (name.replace(" ", "-").replace(",", "") + ".pdf")
        if not path.exists():
            path.write_bytes(build())
        result = {"pdf": name, "size_kb": round(path.stat().st_size / 1024), **measure(path)}
        peak = max(float(result["peak_tree_mb"]), float(result["peak_process_mb"] or 0))  # type: ignore[arg-type]
        ok = float(result["seconds"]) <= LIMIT_SECONDS and peak <= LIMIT_MB  # type: ignore[arg-type]
        failed += not ok
        if args.json:
            print(json.dumps({**result, "ok": ok}), flush=True)
        else:
            print(f"{'ok  ' if ok else 'MISS'} {name:38} {result['size_kb']:>6} KB  {result['seconds']:>6} s  "
                  f"tree {result['peak_tree_mb']:>7} MB  process {result['peak_process_mb']} MB  "
                  f"{result['outcome']}", flush=True)
            for warning in result.get("warnings") or []:  # type: ignore[attr-defined]
                print(f"       ! {warning}")
        if not args.keep:
            path.unlink()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
