"""Ingest benchmark: documents/s and events/s into SQLite and PostgreSQL.

    python bench/ingest.py [--corpus ../shared/corpus/news.jsonl] [--docs 300]
                           [--postgres postgresql://user:pw@127.0.0.1:5432/postgres]

Codes the first N corpus articles once, then stores them into a fresh database of each backend,
timing the writes alone (store throughput) and coding + writing (what `accord ingest` does).
Prints numbers; it does not pass or fail.
"""
from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from accord.ingest import read_paths
from accord.model import Document
from accord.pipeline import Pipeline
from accord.store import Store


def first_docs(corpus: Path, n: int, tmp: Path) -> Path:
    out = tmp / "sample.jsonl"
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return out


def fresh_postgres(server: str) -> tuple[str, callable]:
    name = f"accord_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{server.rsplit('/', 1)[0]}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/news.jsonl"))
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL server URL where a database may be created")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample = first_docs(args.corpus, args.docs, tmp)
        pipeline = Pipeline()
        started = time.perf_counter()
        documents = [d for d in pipeline.code_documents(read_paths([str(sample)])) if isinstance(d, Document)]
        coding = time.perf_counter() - started
        n_events = sum(len(d.events) for d in documents)
        print(f"coded {len(documents)} documents, {n_events} events in {coding:.1f}s "
              f"({len(documents) / coding:.1f} documents/s)")

        backends = [("sqlite", f"sqlite:///{tmp / 'bench.db'}", lambda: None)]
        if args.postgres:
            url, drop = fresh_postgres(args.postgres)
            backends.append(("postgresql", url, drop))
        for name, url, cleanup in backends:
            store = Store(url)
            started = time.perf_counter()
            for document in documents:
                store.add_document(document)
            writing = time.perf_counter() - started
            store.close()
            cleanup()
            print(f"{name:10s} store only: {len(documents) / writing:8.1f} documents/s "
                  f"{n_events / writing:9.1f} events/s"
                  f" | with coding: {len(documents) / (writing + coding):6.1f} documents/s "
                  f"{n_events / (writing + coding):8.1f} events/s")


if __name__ == "__main__":
    main()
