"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/`` create and change them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import (Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, func, literal_column)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(512), nullable=False),
    Column("url", String(2048), unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("published", Date),
    Column("dateline_place", String(200)),
    Column("dateline_date", Date),
    Column("text", Text, nullable=False),
    Column("warnings", Text, nullable=False, default="[]"),
    Column("coder_version", String(64), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(512), nullable=False),
    Column("code", String(32), nullable=False),
    Column("country", String(3)),
    Column("mentions", Text, nullable=False),
)

def _side(side: str) -> list[Column[Any]]:  # the same six columns for source and target
    return [
        Column(f"{side}_code", String(32)),
        Column(f"{side}_country", String(3)),
        Column(f"{side}_name", String(512)),
        Column(f"{side}_text", Text),
        Column(f"{side}_start", Integer),
        Column(f"{side}_end", Integer),
    ]

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_key", String(600), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    *_side("source"),
    *_side("target"),
    Column("trigger_text", String(200), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("cameo", String(4), nullable=False),
    Column("root", String(2), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover_type", String(16)),
    Column("plover_mode", String(32)),
    Column("plover_context", Text, nullable=False, default="[]"),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("date_text", String(200)),
    Column("event_day", Date),
    Column("coder_version", String(64), nullable=False),
    # where the event happened (migration 0005_places; Event.flat()'s place_* keys)
    Column("place_text", Text),
    Column("place_start", Integer),
    Column("place_end", Integer),
    Column("place_name", String(200)),
    Column("place_country", String(3)),
    Column("place_feature", String(16)),
    Column("place_latitude", Float),
    Column("place_longitude", Float),
    Column("place_geonames_id", Integer),
    Column("place_admin1", String(16)),
    # migration 0008_event_provenance: the rule that produced the event and its confidence
    Column("rule", Text, nullable=False, server_default=""),
    Column("confidence", Float),
    # migration 0013_corrections: the newest analyst's correction applied to the row (None: none) and the
    # coder's own values of the fields corrections replaced (JSON), so the coder's output is kept whole
    Column("correction_id", Integer),
    Column("coded", Text),
    # (migration 0007 dropped ix_events_source and ix_events_dyad_day: the covering indexes below lead with them)
    Index("ix_events_target", "target_code"),
    Index("ix_events_day_cover", "event_day", "quad_class", "goldstein", "status"),  # 0010_day_cover: trends; 0011
    Index("ix_events_root", "root"),
    Index("ix_events_place_country", "place_country"),  # migration 0005_places
    # migration 0002_pairs: the analyst views' pair queries read these without touching the table
    # (0011_status_in_pair_indexes appended the status to these and the day index: every count filters on it)
    Index("ix_events_country_pair_cover", "source_country", "target_country", "event_day", "quad_class", "goldstein",
          "status"),
    Index("ix_events_code_pair_cover", "source_code", "target_code", "event_day", "quad_class", "goldstein",
          "status"),
    Index("ix_events_target_country_cover", "target_country", "source_country", "event_day", "quad_class",
          "goldstein", "status"),
)

# migration 0014_review_queue: the unreviewed events in the review queue's order (Store.review_queue)
REVIEW_ORDER = func.coalesce(events.c.confidence, literal_column("-1.0"))  # no confidence known: first
Index("ix_events_review_queue", REVIEW_ORDER, events.c.id, sqlite_where=events.c.correction_id.is_(None),
      postgresql_where=events.c.correction_id.is_(None))

# migration 0013_corrections: every analyst's verdict and correction of an event, never overwritten (the
# audit trail); the anchor columns find the event again after its document is re-coded (store/corrections.py)
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", Integer, index=True),  # the event it applies to now; None when that event vanished
    Column("sentence", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("trigger_text", String(200), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("source_start", Integer),
    Column("target_start", Integer),
    Column("verdict", String(12), nullable=False),  # right | wrong | corrected (fields corrected)
    Column("fields", Text, nullable=False, server_default="{}"),  # JSON: column -> corrected value
    Column("coded", Text, nullable=False, server_default="{}"),  # JSON: the coder's values of those columns then
    Column("analyst", String(200), nullable=False),
    Column("coder_version", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_code", String(32)),
    Column("speaker_country", String(3)),
    Column("speaker_name", String(512)),
    Column("speaker_text", Text),
    # migration 0004_quotes: where the speaker's words are, and the cue ("said", "according to")
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(2048), nullable=False),
    Column("reason", Text, nullable=False),
    Column("coder_version", String(64), nullable=False),
    Column("failed_at", DateTime, nullable=False, index=True),
)

# ---- feeds (accord watch): the feeds followed and every article URL seen in them (migration 0003_feeds)
feeds = Table(
    "feeds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("etag", String(512)),
    Column("last_modified", String(64)),
    Column("last_polled_at", DateTime),
    Column("last_status", String(32)),
    Column("last_error", Text),
    Column("items_seen", Integer, nullable=False, default=0),
)

feed_items = Table(
    "feed_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("feed_url", String(2048), nullable=False),
    Column("title", Text),
    Column("published", Date),
    Column("state", String(16), nullable=False, index=True),  # pending | coded | skipped | failed
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, index=True),
    Column("fetched_at", DateTime),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("events", Integer),
    Column("first_seen_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False, index=True),
)

# ---- events, not reports (migration 0012_event_records; analysis/grouping.py, `accord group`): one record per
# real-world event, grouping the event reports above (one per coded mention) across articles, sources and days
event_records = Table(
    "event_records", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("first_event_id", Integer, nullable=False),  # its earliest report's id: the same from run to run
    Column("source_code", String(32)),
    Column("source_country", String(3)),
    Column("source_name", String(512)),
    Column("target_code", String(32)),
    Column("target_country", String(3)),
    Column("target_name", String(512)),
    Column("cameo", String(4), nullable=False),
    Column("root", String(2), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("plover_type", String(16)),
    Column("status", String(16), nullable=False),
    Column("event_day", Date),
    Column("place_name", String(200)),
    Column("place_country", String(3)),
    Column("reports", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("agreement", Text, nullable=False, default="{}"),  # JSON: counts of each value the reports give
    Index("ix_event_records_country_pair", "source_country", "target_country", "event_day", "quad_class",
          "goldstein", "status"),
    Index("ix_event_records_code_pair", "source_code", "target_code", "event_day", "quad_class", "goldstein",
          "status"),
    Index("ix_event_records_day", "event_day"),
)

event_record_reports = Table(
    "event_record_reports", metadata,
    Column("record_id", Integer, ForeignKey("event_records.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)

# migration 0015_grouping_periods: per period of event days, a digest of its reports' ids and the grouping
# parameters as the last `accord group` saw them (analysis/grouping.py regroups only the periods and blocks
# that changed)
grouping_periods = Table(
    "grouping_periods", metadata,
    Column("period", String(16), primary_key=True),
    Column("digest", String(64), nullable=False),
)
