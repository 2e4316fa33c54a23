"""Vendor identity on real documents: 100 generated PDFs from 100 distinct vendors, read and matched one by one.

``python -m benchmarks.bench_vendor_identity [--n 100]``. Each document is an ISO certificate or a bridge letter
for a vendor drawn in the generator's style (many share a first word: "Quillfeather Analytics", "Quillfeather
Payments"), uploaded in turn to an empty database. Counted: documents attached to another vendor's record
(wrong: must be 0), documents waiting as uncertain (at most 10 %), new vendors. Then the names people type in
the upload form: "AWS", "GCP", "MSFT", "Quillfeather".
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from service.config import Settings
from service.database import get_database
from service.documents import service as documents
from service.vendors import service as vendors
from service.vendors.models import VendorCreate
from service.vendors.names import normalize
from tests.generator import bridge, iso
from tests.generator import words as w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    orgs: dict[str, w.Org] = {}
    while len(orgs) < args.n:
        org = w.vendor(rng, european=rng.random() < 0.4)
        orgs.setdefault(normalize(org.name), org)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedded_worker=False)
        db = get_database(settings)
        outcome: Counter[str] = Counter()
        wrong: list[str] = []
        record_of: dict[str, int] = {}
        started = time.perf_counter()
        with db.session() as s:
            for i, org in enumerate(orgs.values()):
                if i % 2:
                    pdf, _exp = iso.build(iso.VARIANTS[i % len(iso.VARIANTS)], i, vendor=org)
                else:
                    pdf, _exp = bridge.build(i, vendor=org)
                doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename=f"doc-{i}.pdf").document
                doc = documents.process(db_session=s, settings=settings, document_id=doc.id)
                outcome[doc.vendor_match or "none"] += 1
                if doc.vendor_id is not None:
                    name = vendors.get_or_raise(db_session=s, vendor_id=doc.vendor_id).name
                    if normalize(name) != normalize(doc.vendor_name or "") and doc.vendor_match != "created":
                        wrong.append(f"{org.name} -> {name}")
                    if doc.vendor_match in ("exact", "fuzzy") and normalize(name) != normalize(org.name):
                        wrong.append(f"{org.name} -> {name}")
                    record_of[org.name] = doc.vendor_id
            elapsed = time.perf_counter() - started
            print(f"{args.n} documents from {len(orgs)} distinct vendors in {elapsed:.1f} s")
            for status, count in sorted(outcome.items()):
                print(f"  {status:10} {count:4} ({count / args.n:.0%})")
            print(f"  wrong attaches: {len(set(wrong))}" + ("".join(f"\n    {x}" for x in sorted(set(wrong)))))
            for name in ("Amazon Web Services, Inc.", "Google Cloud Platform LLC", "Microsoft Corporation"):
                if vendors.get_by_name(db_session=s, name=name) is None:
                    vendors.create(db_session=s, vendor_in=VendorCreate(name=name))
            quill = [n for n in orgs.values() if n.name.startswith("Quillfeather")]
            for typed in ("AWS", "GCP", "MSFT", "Quillfeather"):
                hit = vendors.resolve_hint(db_session=s, name=typed, auto=settings.vendor_match_auto,
                                           floor=settings.vendor_match_floor)
                target = vendors.get(db_session=s, vendor_id=hit.vendor_id or hit.candidate_id or 0)
                print(f"  upload form {typed!r:15} -> {hit.status:9} {target.name if target else None}"
                      + (f" (Quillfeather vendors on record: {len(quill)})" if typed == "Quillfeather" else ""))
    uncertain = outcome.get("uncertain", 0)
    return 0 if not wrong and uncertain <= args.n // 10 else 1


if __name__ == "__main__":
    sys.exit(main())
