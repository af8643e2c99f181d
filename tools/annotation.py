"""Tools for accord news sentences, the project's own annotated corpus (a development tool, not shipped).

    python tools/annotation.py sample [--shared ../shared]          draw the sample (sample.jsonl)
    python tools/annotation.py batch --from 61 --count 100 --out /work/annotation-work/b2.jsonl [--with-accord]
    python tools/annotation.py import /work/annotation-work/b2.jsonl --annotator x
    python tools/annotation.py agreement x y
    python tools/annotation.py stats

The formats, the guide and how the sample is drawn: docs/annotation.md and
annotations/news-sentences/README.md. Texts never enter the repository: batches are written outside it.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from accord.evaluate import newssents
from accord.evaluate.newssents import SampleRow, Texts
from accord.evaluate.split import split_key, text_half
from accord.ingest.cleaning import is_furniture

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "annotations" / "news-sentences"
SEED = "accord news sentences 1"
MIN_WORDS = 6  # fewer words is a fragment
MAX_WORDS = 80  # more is a run-on the segmenter failed to split
PER_DOCUMENT = 2
HEADLINE_WORDS = 30  # a first paragraph of the corpus this short is a headline
SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")")
_ANNOTATOR = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Stratum:
    name: str
    set: str
    prefix: str  # documents whose key starts with it
    quota: int


STRATA = (
    Stratum("polnear", "corpus", "polnear/", 450),
    Stratum("india", "corpus", "indiapoliceevents/", 350),
    Stratum("bbc-news", "bbc-news", "", 350),
    Stratum("tbaq", "tbaq", "", 250),
    Stratum("event-location", "event-location", "", 200),
)


def stratum_of(row: SampleRow) -> Stratum:
    return next(s for s in STRATA if s.set == row.set and row.doc.startswith(s.prefix))


# ---------------------------------------------------------------------------------------- drawing


def document_order(texts: Texts, stratum: Stratum) -> list[str]:
    """The stratum's documents in the order they are drawn: a shuffle seeded by the stratum's name."""
    keys = [k for k in texts.documents(stratum.set) if k.startswith(stratum.prefix)]
    random.Random(f"{SEED}|documents|{stratum.name}").shuffle(keys)
    return keys


def pieces(nlp, text: str) -> list[tuple[int, int, int]]:
    """Sentences as (start, end, words): spaCy's sentences cut again at line breaks, stripped of spaces."""
    out = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "parser") if p in nlp.pipe_names]):
        doc = nlp(text)
    for sent in doc.sents:
        start = sent.start_char
        for line in re.split(r"(\n)", text[sent.start_char:sent.end_char]):
            stripped = line.strip()
            if stripped:
                s = start + line.index(stripped)
                e = s + len(stripped)
                span = doc.char_span(s, e, alignment_mode="expand")
                words = sum(1 for t in span if not (t.is_punct or t.is_space)) if span is not None else 0
                out.append((s, e, words))
            start += len(line)
    return out


def skip_reason(set_name: str, text: str, index: int, start: int, end: int, words: int) -> str | None:
    """Why a sentence is not drawn, or None: fragments, headlines, page furniture, run-ons."""
    sentence = text[start:end]
    if words < MIN_WORDS:
        return "fragment"
    if words > MAX_WORDS:
        return "run-on"
    first, blank, _ = text.partition("\n\n")
    if set_name == "corpus" and blank and start < len(first) and len(first.split()) <= HEADLINE_WORDS:
        return "headline"  # a short first paragraph: a PolNeAR headline, an India "This story is from <date>"
    if set_name == "bbc-news" and index == 0:
        return "headline"  # the first sentence of a BBC row begins with the headline, run into it
    whole_line = text[:start].rstrip(" \t").endswith("\n") or not text[:start].strip()
    whole_line = whole_line and (text[end:].lstrip(" \t").startswith("\n") or not text[end:].strip())
    if whole_line and not sentence.endswith(SENTENCE_END):
        return "headline"  # a line of its own without a closing stop: a title, a label, a dateline
    if is_furniture(sentence) or is_furniture(sentence.partition(":")[0] + ":"):
        return "furniture"  # page furniture, or a piece it introduces ("related stories: ...")
    return None


def candidates(nlp, set_name: str, doc: str, text: str) -> list[tuple[int, int]]:
    """The document's drawable sentences in the order they are tried: a shuffle seeded by the document."""
    spans = [(s, e) for k, (s, e, w) in enumerate(pieces(nlp, text)) if not skip_reason(set_name, text, k, s, e, w)]
    random.Random(f"{SEED}|sentences|{set_name}|{doc}").shuffle(spans)
    return spans


def assign_ids(rows: list[SampleRow]) -> list[SampleRow]:
    """Ids ns-0001... in a seeded shuffle of the rows (sorted first), so that batches mix the sources."""
    ordered = sorted(rows, key=lambda r: (STRATA.index(stratum_of(r)), r.doc, r.start))
    random.Random(f"{SEED}|ids").shuffle(ordered)
    return [SampleRow(f"ns-{n:04d}", r.set, r.doc, r.start, r.end, r.half, r.sha1)
            for n, r in enumerate(ordered, start=1)]


def draw(texts: Texts, nlp, log=print) -> list[SampleRow]:
    """The sample: per stratum, documents in seeded order, one sentence each (a second on a second pass
    when the documents run out), no sentence twice in the whole sample."""
    rows: list[SampleRow] = []
    keys: set[str] = set()
    for stratum in STRATA:
        documents = texts.documents(stratum.set)
        order = document_order(texts, stratum)
        cache: dict[str, list[tuple[int, int]]] = {}
        taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
        drawn = 0
        for _ in range(PER_DOCUMENT):
            for doc in order:
                if drawn == stratum.quota:
                    break
                text = documents[doc]
                if doc not in cache:
                    cache[doc] = candidates(nlp, stratum.set, doc, text)
                for start, end in cache[doc]:
                    sentence = text[start:end]
                    if (start, end) not in taken[doc] and split_key(sentence) not in keys:
                        taken[doc].append((start, end))
                        keys.add(split_key(sentence))
                        rows.append(SampleRow("", stratum.set, doc, start, end, text_half(sentence),
                                              newssents.digest(sentence)))
                        drawn += 1
                        break
        log(f"{stratum.name}: {drawn} sentences from {len(taken)} documents ({len(cache)} read)")
        if drawn < stratum.quota:
            raise SystemExit(f"{stratum.name}: only {drawn} of {stratum.quota} sentences could be drawn")
    return assign_ids(rows)


def verify(texts: Texts, nlp, sample: list[SampleRow], ids: Iterable[str]) -> list[str]:
    """Recompute the rows ``ids`` of a drawn sample: each must be the first candidate of its document not
    taken by another row, every document drawn before it (in its stratum's order) must be in the sample
    or have nothing left to draw, and the ids must be the seeded shuffle. Returns the differences."""
    problems = []
    if assign_ids(sample) != sample:
        problems.append("the ids are not the seeded shuffle of the rows")
    key_of = {r.id: split_key(texts.sentence(r)) for r in sample}
    in_sample = {(r.set, r.doc) for r in sample}
    by_id = {r.id: r for r in sample}
    for ident in ids:
        row = by_id[ident]
        others = {k for i, k in key_of.items() if i != ident}
        stratum = stratum_of(row)

        def first_free(doc: str, stratum=stratum, others=others) -> tuple[int, int] | None:  # bound now
            text = texts.text(stratum.set, doc)
            return next((c for c in candidates(nlp, stratum.set, doc, text)
                         if split_key(text[c[0]:c[1]]) not in others), None)

        drawn = first_free(row.doc)
        if drawn != (row.start, row.end):
            problems.append(f"{ident}: not the sentence {row.set}/{row.doc} draws ({drawn})")
        order = document_order(texts, stratum)
        for doc in order[:order.index(row.doc)]:
            if (stratum.set, doc) not in in_sample and first_free(doc) is not None:
                problems.append(f"{ident}: {stratum.set}/{doc} comes first in the order and was not drawn")
    return problems


# -------------------------------------------------------------------------------------- commands


def _sample(args) -> list[SampleRow]:
    return newssents.load_sample(args.folder / newssents.SAMPLE_FILE, Texts(args.shared))


def _write_jsonl(path: Path, records: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def command_sample(args) -> int:
    from accord.nlp import load

    texts = Texts(args.shared)
    rows = draw(texts, load())
    out = args.folder / newssents.SAMPLE_FILE
    _write_jsonl(out, (r.to_dict() for r in rows))
    print(f"{len(rows)} sentences written to {out}")
    return 0


def _inside_repository(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
        return True
    except ValueError:
        return False


def command_batch(args) -> int:
    if _inside_repository(args.out):
        print(f"{args.out}: batches hold the texts and must be written outside the repository", file=sys.stderr)
        return 2
    texts = Texts(args.shared)
    rows = _sample(args)[args.start - 1:args.start - 1 + args.count]
    records = [{"id": r.id, "text": texts.sentence(r), "events": [], "flags": [], "note": ""} for r in rows]
    if args.annotator:  # for review: the sentences as that annotator left them
        annotated = {s.id: newssents.to_authoring(s) for s in _annotations(args, args.annotator)}
        records = [annotated.get(r["id"], r) for r in records]
    if args.with_accord:
        from accord.evaluate.common import code_texts
        from accord.pipeline import Pipeline

        documents = code_texts(Pipeline(), [(r["id"], r["text"]) for r in records])
        coded = {d.id: d for d in documents}
        for record in records:
            document = coded.get(record["id"])
            record["accord"] = [_authoring_event(e) for e in document.events] if document else []
    _write_jsonl(args.out, records)
    print(f"{len(records)} sentences ({rows[0].id}..{rows[-1].id}) written to {args.out}" if rows
          else "no sentences in that range")
    return 0


def _authoring_event(event) -> dict:
    def side(ref):
        return [{"text": ref.text, "code": ref.actor.code}] if ref and ref.text else []

    return {"cameo": event.cameo, "status": event.status, "trigger": event.trigger.text,
            "source": side(event.source), "target": side(event.target), "mutual": False}


def _annotator_path(folder: Path, annotator: str) -> Path:
    return folder / f"annotator-{annotator}.jsonl"


def command_import(args) -> int:
    if not _ANNOTATOR.fullmatch(args.annotator):
        print(f"annotator {args.annotator!r}: lower-case letters, digits, - and _ only", file=sys.stderr)
        return 2
    texts = Texts(args.shared)
    sample = {r.id: r for r in _sample(args)}
    accepted: dict[str, dict] = {}
    problems = []
    for n, line in enumerate(args.authoring.read_text("utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        ident = "?"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            ident = record.get("id", "?")
            row = sample.get(ident) if isinstance(ident, str) else None
            if row is None:
                raise ValueError(f"id {ident!r} is not in the sample")
            sentence = texts.sentence(row)
            if "text" in record and record["text"] != sentence:
                raise ValueError("its text is not the sentence of this id (was the id changed?)")
            if ident in accepted:
                raise ValueError("given twice in this file")
            stored = newssents.from_authoring(record, sentence)
            accepted[ident] = newssents.parse_record(stored, row, sentence).to_dict()
        except (ValueError, json.JSONDecodeError) as exc:
            problems.append(f"{args.authoring}:{n}: {ident}: {exc}")
    target = _annotator_path(args.folder, args.annotator)
    existing: dict[str, dict] = {}
    if target.exists():
        for n, line in enumerate(target.read_text("utf-8").split("\n"), start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                    existing[record["id"]] = record
                except (json.JSONDecodeError, KeyError, TypeError):
                    print(f"{target}:{n}: not a stored annotation; fix it by hand first, nothing written",
                          file=sys.stderr)
                    return 2
    replaced = sum(1 for ident in accepted if ident in existing and existing[ident] != accepted[ident])
    added = sum(1 for ident in accepted if ident not in existing)
    merged = {**existing, **accepted}
    if accepted:
        _write_jsonl(target, (merged[i] for i in sorted(merged)))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{args.annotator}: {len(accepted)} accepted ({added} new, {replaced} changed), {len(problems)} "
          f"with problems (not imported); {len(merged)} sentences in {target}")
    return 1 if problems else 0


def _annotations(args, name: str) -> list[newssents.GoldSentence]:
    """An annotator's sentences (by name, or a file), every problem printed."""
    path = Path(name) if name.endswith(".jsonl") else _annotator_path(args.folder, name)
    if not path.exists():
        raise newssents.AnnotationError(str(path), ["no such file"])
    sentences, problems = newssents.read_annotations(path, {r.id: r for r in _sample(args)}, Texts(args.shared))
    for problem in problems:
        print(problem, file=sys.stderr)
    return sentences


def command_agreement(args) -> int:
    first, second = _annotations(args, args.first), _annotations(args, args.second)
    result = newssents.agreement(first, second)
    events = result.events
    print(f"{result.sentences} sentences annotated by both {args.first} and {args.second}")
    if not result.sentences:
        return 1
    print(f"  has an event: agreement {result.has_event_agreement:.3f}, Cohen's kappa {result.kappa:.3f} "
          f"(both {result.both_events}, neither {result.neither}, only {args.first} {result.first_only}, "
          f"only {args.second} {result.second_only})")
    print(f"  events: {events.gold} by {args.first}, {events.predicted} by {args.second} (dyads; statements apart)")
    print(f"  event F1, type alone:                   {events.type_f1:.3f}")
    print(f"  event F1, type and both sides' countries: {events.f1:.3f}")
    print(f"  of those matched ({events.matched}): same status {events.status_agreement:.3f}, "
          f"same CAMEO code {events.cameo_agreement:.3f}")
    if args.details:
        for miss in events.misses:
            print("   ", miss)
    return 0


def command_stats(args) -> int:
    sample = _sample(args)
    by_stratum = Counter(stratum_of(r).name for r in sample)
    halves = Counter((stratum_of(r).name, r.half) for r in sample)
    print(f"sample: {len(sample)} sentences")
    for stratum in STRATA:
        print(f"  {stratum.name:15} {by_stratum[stratum.name]:5}  (tune {halves[(stratum.name, 'tune')]}, "
              f"check {halves[(stratum.name, 'check')]})")
    annotated: dict[str, set[str]] = {}
    for path in sorted(args.folder.glob("annotator-*.jsonl")):
        name = path.stem.removeprefix("annotator-")
        sentences = _annotations(args, name)
        annotated[name] = {s.id for s in sentences}
        events = [e for s in sentences for e in s.events]
        print(f"{name}: {len(sentences)} sentences, {sum(1 for s in sentences if s.events)} with events, "
              f"{len(events)} events")
        print("  types:   " + ", ".join(f"{t or '01x statement'} {n}" for t, n in
                                         Counter(e.plover_type for e in events).most_common()))
        print("  status:  " + ", ".join(f"{t} {n}" for t, n in Counter(e.status for e in events).most_common()))
        print("  flags:   " + ", ".join(f"{t} {n}" for t, n in
                                         Counter(f for s in sentences for f in s.flags).most_common()))
        print("  sources: " + ", ".join(f"{t} {n}" for t, n in Counter(
            stratum_of(r).name for r in sample if r.id in annotated[name]).most_common()))
    names = sorted(annotated)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            print(f"annotated by both {a} and {b}: {len(annotated[a] & annotated[b])}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/annotation.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared material")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="the corpus folder in the repository")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("sample", help="draw the sample and write sample.jsonl").set_defaults(run=command_sample)
    batch = commands.add_parser("batch", help="write sentences to annotate (outside the repository)")
    batch.add_argument("--from", dest="start", type=int, required=True, help="first id number (1 = ns-0001)")
    batch.add_argument("--count", type=int, required=True)
    batch.add_argument("--out", type=Path, required=True)
    batch.add_argument("--with-accord", action="store_true", help="add accord's events, for reference only")
    batch.add_argument("--annotator", help="fill in that annotator's annotations, to review or correct them")
    batch.set_defaults(run=command_batch)
    importing = commands.add_parser("import", help="check an authoring file and merge it into annotator-X.jsonl")
    importing.add_argument("authoring", type=Path)
    importing.add_argument("--annotator", required=True)
    importing.set_defaults(run=command_import)
    agree = commands.add_parser("agreement", help="agreement of two annotators on the sentences both annotated")
    agree.add_argument("first")
    agree.add_argument("second")
    agree.add_argument("--details", action="store_true", help="list every sentence where they differ")
    agree.set_defaults(run=command_agreement)
    commands.add_parser("stats", help="the sample and every annotator's file").set_defaults(run=command_stats)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except newssents.AnnotationError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
