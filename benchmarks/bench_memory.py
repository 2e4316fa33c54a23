"""The service's memory under strangers' big bodies: ``python benchmarks/bench_memory.py [--mb 50] [--clients 4]``.

Starts ``vendor-assurance serve`` on loopback (SQLite, embedded worker, an empty data directory) and has
``--clients`` threads send every route of the API (and /slack/events) an unauthenticated body of ``--mb`` MB, once
with a declared Content-Length and once chunked, while the server's resident memory is sampled every 20 ms.
Prints the statuses seen and the server's RSS before, at peak and after. Target (issue 11): under 300 MB with 50 MB
bodies. Exit status 1 when it is missed or a 5xx was answered.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.service.hostile_http import hammer, serve  # noqa: E402

LIMIT_MB = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=50, help="body size in MB (default 50)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--rounds", type=int, default=1, help="times each client goes over every route")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp, serve(Path(tmp) / "data") as server:
        result = hammer(server, megabytes=args.mb, clients=args.clients, rounds=args.rounds)
    print(json.dumps(result, indent=2))
    statuses = result["statuses"]
    errors = [code for code in statuses if code.startswith("5")]  # type: ignore[union-attr]
    ok = float(result["rss_peak_mb"]) < LIMIT_MB and not errors  # type: ignore[arg-type]
    print(("ok" if ok else "MISS") + f": peak {result['rss_peak_mb']} MB (limit {LIMIT_MB:g} MB), 5xx: {errors}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
