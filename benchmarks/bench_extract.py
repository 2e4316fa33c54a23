"""How fast and how lean is extraction? A script, not a timed test: ``python benchmarks/bench_extract.py``.

Generates (in memory, from tests/generator) a ~120-page SOC 2 Type 2 report with ~100 control tables and a
2-page ISO certificate, then measures in this process, best of N:

  (a) a plain pypdfium2 text pass over every page (the floor: reading the text layer once),
  (b) ``pdftotext`` on the same file (a subprocess, if poppler-utils is installed), for reference,
  (c) the full in-process extraction (``extractors.extract_bytes``),

and, in a fresh subprocess, the peak memory of one extraction (tracemalloc for Python allocations and
``ru_maxrss`` for the whole process, imports included). Targets: (c) <= 5 x (a), peak < 250 MB, the
certificate < 100 ms. ``--profile`` prints where the extraction spends its time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.generator import iso, soc  # noqa: E402

TARGET_RATIO = 5.0
TARGET_MB = 250.0
TARGET_CERT_MS = 100.0

_MEMORY_PROBE = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[2])
import extractors
from extractors import extract_bytes
data = Path(sys.argv[1]).read_bytes()
extract_bytes(data, "warmup.pdf") if sys.argv[3] == "warm" else None
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
t = time.perf_counter()
result = extract_bytes(data, "bench.pdf")
secs = time.perf_counter() - t
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"tracemalloc_peak_mb": peak / 2**20, "maxrss_mb": rss / 1024, "rss_before_mb": base / 1024,
                  "secs": secs, "kind": result.kind, "error": result.error.code if result.error else None}))
"""


def best_of(n: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def pdfium_pass(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    chars = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    return chars


def memory_probe(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(path), str(ROOT), "cold"],
                         capture_output=True, text=True, timeout=600, check=False)
    if out.returncode != 0:
        raise SystemExit(f"memory probe failed:\n{out.stderr[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--repeat", type=int, default=3, help="best of N (default 3)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="cProfile one extraction of the large report")
    ap.add_argument("--keep", type=Path, help="also write the generated report to this path")
    args = ap.parse_args(argv)

    from extractors import extract_bytes

    t = time.perf_counter()
    report, expected = soc.build("soc2_type2", args.seed, controls=100, filler_pages=170, test_layout="per_control")
    cert, _ = iso.build("27001_27017_27018", 0)
    gen_secs = time.perf_counter() - t
    pages = expected["file"]["pages"]
    print(f"generated a {pages}-page SOC 2 Type 2 report ({len(report) / 1024:.0f} KB, 100 control tables) "
          f"and a 2-page certificate in {gen_secs:.1f} s")
    if args.keep:
        args.keep.write_bytes(report)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench-soc2-type2.pdf"
        path.write_bytes(report)

        cold = best_of(1, lambda: extract_bytes(cert, "cold.pdf"))  # builds the NLP pipeline once
        t_pdfium = best_of(args.repeat, lambda: pdfium_pass(report))
        pdftotext = shutil.which("pdftotext")
        t_poppler = (best_of(args.repeat, lambda: subprocess.run([pdftotext, "-q", str(path), os.devnull],
                                                                 check=False))
                     if pdftotext else None)
        result = extract_bytes(report, path.name)
        t_extract = best_of(args.repeat, lambda: extract_bytes(report, path.name))
        t_cert = best_of(max(args.repeat, 5), lambda: extract_bytes(cert, "cert.pdf"))
        mem = memory_probe(path)

        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            extract_bytes(report, path.name)
            prof.disable()
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(30)
            print(buf.getvalue())

    ratio = t_extract / t_pdfium if t_pdfium else float("inf")
    peak = max(mem["maxrss_mb"], mem["tracemalloc_peak_mb"])
    rows = [
        ("pages", f"{pages}", "", ""),
        ("(a) pypdfium2 text pass", f"{t_pdfium * 1000:.0f} ms", f"{t_pdfium / pages * 1000:.2f} ms/page", ""),
        ("(b) pdftotext (subprocess)", f"{t_poppler * 1000:.0f} ms" if t_poppler is not None else "not installed",
         "", ""),
        ("(c) full extraction", f"{t_extract * 1000:.0f} ms", f"{t_extract / pages * 1000:.2f} ms/page", ""),
        ("ratio (c) / (a)", f"{ratio:.1f} x", f"target <= {TARGET_RATIO:.0f} x",
         "ok" if ratio <= TARGET_RATIO else "OVER"),
        ("peak memory, process RSS", f"{mem['maxrss_mb']:.0f} MB", f"before: {mem['rss_before_mb']:.0f} MB", ""),
        ("peak memory, Python heap", f"{mem['tracemalloc_peak_mb']:.0f} MB", f"target < {TARGET_MB:.0f} MB",
         "ok" if peak < TARGET_MB else "OVER"),
        ("2-page certificate, warm", f"{t_cert * 1000:.1f} ms", f"target < {TARGET_CERT_MS:.0f} ms",
         "ok" if t_cert * 1000 < TARGET_CERT_MS else "OVER"),
        ("2-page certificate, first call", f"{cold * 1000:.0f} ms", "(first call in this process)", ""),
        ("report, fresh process", f"{mem['secs'] * 1000:.0f} ms", "(first call: imports, NLP pipeline)", ""),
        ("extraction kind / error", f"{result.kind}", f"{result.error.code if result.error else 'none'}", ""),
    ]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print(f"{'measure':<{w0}}  {'value':>{w1}}  {'':<{w2}}  verdict")
    print("-" * (w0 + w1 + w2 + 13))
    for a, b, c, d in rows:
        print(f"{a:<{w0}}  {b:>{w1}}  {c:<{w2}}  {d}")
    over = ratio > TARGET_RATIO or peak >= TARGET_MB or t_cert * 1000 >= TARGET_CERT_MS
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
