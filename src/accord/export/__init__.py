"""Exports of the store in the field's formats.

- ``gdelt``: the GDELT 2.0 event table (tab-separated, its 61 columns, one row per event mentioned
  across articles; see docs/gdelt-export.md for the mapping of every column);
- ``plover``: PLOVER JSON records, one per line (fields of the PLOVER 2.0 manual's record table; the
  status as PLOVER's auxiliary mode);
- ``parquet`` / ``csv``: one row per event mention, flat columns, for pandas and R. Codes are text
  ("042"): Parquet types them as strings, and :func:`read_csv` (or ``dtype=CSV_DTYPES``) reads a CSV
  back without turning them into numbers.

Like every count in accord, an export holds the asserted events (occurred, ongoing) of any confidence unless
the filters choose other statuses or a least confidence.

``unit``: "report" writes the event reports (one per coded mention, as above); "event" the event records of
``accord group`` (one per real-world event: its agreed sides, code, status and day, its numbers of reports,
sources and articles, first and last report, and ``agreement``, the counts behind each agreed value). The
GDELT table of events counts a record's reports as its mentions; PLOVER records of events take their text
from the event's first report. With a least confidence, an event record is written when at least one of its
reports passes it and the status filter (its own agreed status passing that filter too), once, with its
agreed values and all its counts.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from ..errors import AccordError
from ..store import Filters, Store
from ..store.database import known_statuses

FORMATS = ("gdelt", "plover", "parquet", "csv")
UNITS = ("event", "report")
GROUP_CODE_ROOTS = ("IGO", "NGO", "IMG")
FLAT_COLUMNS = (
    "id", "doc_id", "url", "title", "outlet", "event_key", "sentence", "evidence",
    "source_code", "source_country", "source_name", "source_text", "source_start", "source_end",
    "target_code", "target_country", "target_name", "target_text", "target_start", "target_end",
    "trigger_text", "trigger_start", "trigger_end", "cameo", "root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context", "status", "date", "date_precision", "date_text",
    "event_day", "coder_version", "rule", "confidence",
    "place_text", "place_start", "place_end", "place_name", "place_country", "place_feature",
    "place_latitude", "place_longitude", "place_geonames_id", "place_admin1",
    "correction_id", "coded",  # an analyst's correction (migration 0012) and the coder's values it replaced
)
INTEGER_COLUMNS = frozenset({"id", "sentence", "source_start", "source_end", "target_start", "target_end",
                             "trigger_start", "trigger_end", "quad_class", "place_start", "place_end",
                             "place_geonames_id", "correction_id"})
FLOAT_COLUMNS = frozenset({"goldstein", "confidence", "place_latitude", "place_longitude"})
DATE_COLUMNS = frozenset({"event_day"})
RECORD_COLUMNS = (
    "id", "first_event_id", "url", "source_code", "source_country", "source_name", "target_code",
    "target_country", "target_name", "cameo", "root", "quad_class", "goldstein", "plover_type", "status",
    "event_day", "place_name", "place_country", "reports", "sources", "articles", "first_report", "last_report",
    "agreement",
)
RECORD_INTEGER_COLUMNS = frozenset({"id", "first_event_id", "quad_class", "reports", "sources", "articles"})
RECORD_DATE_COLUMNS = frozenset({"event_day", "first_report", "last_report"})
# every other column is text, codes included ("042", "04", admin1 "01"): how pandas must read them back
CSV_DTYPES = {c: "string" for c in FLAT_COLUMNS if c not in INTEGER_COLUMNS | FLOAT_COLUMNS | DATE_COLUMNS}


@lru_cache(maxsize=1)
def plover_auxiliary_modes() -> dict[str, str]:
    """Status -> the PLOVER auxiliary mode it is written as ("" for none): data/export/plover_auxiliary_modes.tsv."""
    name = "data/export/plover_auxiliary_modes.tsv"
    text = resources.files("accord").joinpath(name).read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
    modes = {row[0]: (row[1] if len(row) > 1 else "").strip() for row in rows}
    every = known_statuses()[0]
    if set(modes) != set(every):
        raise AccordError(f"{name}: needs one row for each status ({', '.join(every)}), has {', '.join(modes)}")
    return modes


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    text = resources.files("accord").joinpath("data/export/gdelt_columns.tsv").read_text("utf-8")
    rows = [ln.split("\t")[0] for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(rows[1:])  # the first row is the header of the description table


def _sector(code: str | None, country: str | None) -> str:
    if not code or not country or not code.startswith(country):
        return ""
    return code[len(country):len(country) + 3]


def _known_group(code: str | None) -> str:
    return code if code and code.startswith(GROUP_CODE_ROOTS) else ""


def action_geo(group: dict[str, Any]) -> dict[str, Any]:
    """GDELT's ActionGeo_* columns from an event's place (all empty when it has none).

    Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (a first-level division or a
    region); FullName: "place, country"; CountryCode and the ADM1Code prefix: FIPS 10-4, as GDELT writes
    them; ADM1Code: FIPS country + GeoNames first-level code; FeatureID: the GeoNames id (GDELT's own
    files use GNS/GNIS ids) or, for a country, its FIPS code as GDELT does.
    """
    from ..geo import GDELT_TYPES, gazetteer

    name, country, feature = group.get("place_name"), group.get("place_country"), group.get("place_feature")
    if not name:
        return {}
    fips = gazetteer().fips(country)
    country_place = gazetteer().country(country) if country else None
    full_name = name
    if country_place is not None and feature != "country" and country_place.name != name:
        full_name = f"{name}, {country_place.name}"
    admin1 = group.get("place_admin1")
    return {
        "ActionGeo_Type": GDELT_TYPES.get((feature or "", country == "USA"), "") if country else "",
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips + admin1 if fips and admin1 else fips,
        "ActionGeo_Lat": "" if group.get("place_latitude") is None else f"{group['place_latitude']:.4f}",
        "ActionGeo_Long": "" if group.get("place_longitude") is None else f"{group['place_longitude']:.4f}",
        "ActionGeo_FeatureID": fips if feature == "country" else (group.get("place_geonames_id") or ""),
    }


def gdelt_row(group: dict[str, Any]) -> list[str]:
    day: date | None = group["event_day"]
    values: dict[str, Any] = {name: "" for name in gdelt_columns()}
    values["GlobalEventID"] = group["group_id"]
    if day:
        values["Day"] = day.strftime("%Y%m%d")
        values["MonthYear"] = day.strftime("%Y%m")
        values["Year"] = day.year
        values["FractionDate"] = f"{day.year + (day.timetuple().tm_yday / 365):.4f}"
    for n, side in (("1", "source"), ("2", "target")):
        code, country = group[f"{side}_code"], group[f"{side}_country"]
        values[f"Actor{n}Code"] = code or ""
        values[f"Actor{n}Name"] = (group[f"{side}_name"] or "").upper()
        values[f"Actor{n}CountryCode"] = country or ""
        values[f"Actor{n}KnownGroupCode"] = _known_group(code)
        values[f"Actor{n}Type1Code"] = _sector(code, country)
    values["IsRootEvent"] = 1 if group.get("first_sentence") == 0 else 0
    values["EventCode"] = group["cameo"]
    values["EventBaseCode"] = group["cameo"][:3]
    values["EventRootCode"] = group["root"]
    values["QuadClass"] = group["quad_class"]
    values["GoldsteinScale"] = group["goldstein"]
    values["NumMentions"] = group["num_mentions"]
    values["NumSources"] = group["num_sources"]
    values["NumArticles"] = group["num_articles"]
    first_seen: datetime | None = group.get("first_seen")
    values["DATEADDED"] = first_seen.strftime("%Y%m%d%H%M%S") if first_seen else ""
    values["SOURCEURL"] = group.get("url") or ""
    values.update(action_geo(group))
    return ["" if values[c] is None else str(values[c]) for c in gdelt_columns()]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    def entity(side: str) -> list[dict[str, Any]]:
        code = row[f"{side}_code"]
        if not code:
            return []
        country = row[f"{side}_country"]
        return [{"code": country or code[:3], "sector": _sector(code, country) or None,
                 "entity_text": row[f"{side}_text"], "identifier_text": row[f"{side}_name"],
                 "actor_code": code}]

    return {
        "id": row["event_key"],
        "date": (row["event_day"].isoformat() if row["event_day"] else None),
        "actor": entity("source"),
        "recipient": entity("target"),
        "event": [row["plover_type"]] if row["plover_type"] else [],
        "mode": [m for m in (row["plover_mode"], plover_auxiliary_modes().get(row["status"])) if m],
        "context": json.loads(row["plover_context"] or "[]"),
        "quad_code": row["quad_class"],
        "event_text": [row["trigger_text"]],
        "text": row["evidence"],
        "text_info": {"sequence": row["sentence"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "cite_info": {"url": row["url"], "title": row["title"]},
        "coder": f"accord {row['coder_version']}",
        "cameo": row["cameo"],
        "status": row["status"],
        "date_precision": row["date_precision"],
        "rule": row["rule"],
        "confidence": row["confidence"],
        "correction_id": row.get("correction_id"),
        "coded": json.loads(row["coded"]) if row.get("coded") else None,
    }


def _flat(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c: r.get(c) for c in FLAT_COLUMNS} for r in rows]


def _flat_records(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c: json.dumps(r[c], ensure_ascii=False) if c == "agreement" else r.get(c) for c in RECORD_COLUMNS}
            for r in rows]


def record_group(record: dict[str, Any]) -> dict[str, Any]:
    """An event record as the GDELT row's group: its reports are its mentions."""
    return {**record, "group_id": record["id"], "num_mentions": record["reports"], "num_sources": record["sources"],
            "num_articles": record["articles"], "first_seen": record["first_report"]}


def plover_event(record: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER record of an event record: its agreed sides, type, code and status, its first report's text,
    and how many reports, sources and articles it rests on."""
    first = record["first"]
    merged = {**first, **{k: record[k] for k in ("source_code", "source_country", "source_name", "target_code",
                                                  "target_country", "target_name", "cameo", "quad_class",
                                                  "plover_type", "status", "event_day")}}
    return {**plover_record(merged), "reports": record["reports"], "sources": record["sources"],
            "articles": record["articles"], "agreement": record["agreement"],
            "first_report": record["first_report"].isoformat() if record["first_report"] else None,
            "last_report": record["last_report"].isoformat() if record["last_report"] else None}


def _write_parquet(rows, schema, output: Path | None) -> int:
    """Rows (dicts) to a Parquet file of this schema; how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if output is None:
        raise ValueError("Parquet is binary: give --output FILE")
    table = pa.Table.from_pylist(list(rows), schema=schema)
    pq.write_table(table, str(output))
    return table.num_rows


def _export_events(store: Store, fmt: str, output: Path | None, stream: TextIO, filters: Filters) -> int:
    if fmt == "parquet":
        return _write_parquet(_flat_records(store.event_records(filters)), _record_schema(), output)
    count = 0
    with _opened(output, stream) as target:
        if fmt == "gdelt":
            writer = csv.writer(target, delimiter="\t", lineterminator="\n")
            for record in store.event_records(filters):
                writer.writerow(gdelt_row(record_group(record)))
                count += 1
        elif fmt == "plover":
            for record in store.event_records(filters, first_report=True):
                target.write(json.dumps(plover_event(record), ensure_ascii=False) + "\n")
                count += 1
        else:
            flat = csv.DictWriter(target, fieldnames=RECORD_COLUMNS, lineterminator="\n")
            flat.writeheader()
            for row in _flat_records(store.event_records(filters)):
                flat.writerow(row)
                count += 1
    return count


def export(store: Store, fmt: str, output: Path | None, stream: TextIO, filters: Filters = Filters(),
           unit: str = "report") -> int:
    """Write the store (or the filtered part of it) in a format, a row per event report or (``unit="event"``)
    per event record of `accord group`; returns the number of records."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r} (choose from {', '.join(UNITS)})")
    if unit == "event":
        return _export_events(store, fmt, output, stream, filters)
    if fmt == "gdelt":
        with _opened(output, stream) as target:
            writer = csv.writer(target, delimiter="\t", lineterminator="\n")
            count = 0
            for group in store.event_groups(filters):
                writer.writerow(gdelt_row(group))
                count += 1
        return count
    if fmt == "plover":
        with _opened(output, stream) as target:
            count = 0
            for row in store.events(filters):
                target.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
                count += 1
        return count
    if fmt == "csv":
        with _opened(output, stream) as target:
            flat = csv.DictWriter(target, fieldnames=FLAT_COLUMNS, lineterminator="\n")
            flat.writeheader()
            count = 0
            for row in _flat(store.events(filters)):
                flat.writerow(row)
                count += 1
        return count
    if fmt == "parquet":
        return _write_parquet(_flat(store.events(filters)), _arrow_schema(), output)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def read_csv(path):
    """An events CSV (``accord export --format csv``, ``accord events --format csv``) as a pandas DataFrame
    with its codes as text ("042", not 42) and ``event_day`` as dates; the same as
    ``pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=["event_day"])``."""
    import pandas as pd

    return pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=["event_day"])


@contextmanager
def _opened(output: Path | None, stream: TextIO) -> Iterator[TextIO]:
    if output is None:
        yield stream
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        yield handle


ROW_GROUP = 5000


def _record_schema():
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c in RECORD_INTEGER_COLUMNS else pa.float64() if c == "goldstein"
                       else pa.date32() if c in RECORD_DATE_COLUMNS else pa.string()) for c in RECORD_COLUMNS])


def _arrow_schema():
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS
                       else pa.date32() if c in DATE_COLUMNS else pa.string()) for c in FLAT_COLUMNS])


class ParquetEventWriter:
    """Events of coded documents written to Parquet as they come, a row group at a time, so memory
    stays flat however many documents pass (``accord code --format parquet``)."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema = _arrow_schema()
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, document) -> None:
        from ..store.database import event_day
        from ..version import coder_version

        version = coder_version()
        for event_ in document.events:
            row = {"id": None, "doc_id": document.id, "url": document.url, "title": document.title,
                   "outlet": None, **event_.flat(), "event_day": event_day(event_.date), "coder_version": version}
            self.rows.append(row)
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> int:
        self._flush()
        self.writer.close()
        return self.count
