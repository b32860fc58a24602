"""The corpus schema (SQLAlchemy Core): one definition for SQLite and PostgreSQL.

Every row that comes from a document keeps ``document_id`` and, where it is a span, its
``start``/``end`` offsets into ``documents.text``, so any row leads back to its text.
Rows prefixed ``merged_`` and ``actors`` are cross-document: built incrementally at
ingest by :mod:`rawi.corpus.merge`.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("input_hash", sa.String(64)),
    sa.Column("source_key", sa.Text, nullable=False),  # URL, else source path: versions share it
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("superseded", sa.Boolean, nullable=False, default=False),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("search_text", sa.Text, nullable=False),  # normalised text + clitic-stripped stems
    sa.Column("doc_json", sa.Text, nullable=False),  # the full rawi.document/1 JSON
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.Index("ix_documents_source_key", "source_key"),
    sa.Index("ix_documents_input_hash", "input_hash"),
)

# Inputs fully ingested (a file, a feed, a JSONL file): lets a rerun skip them before any work.
inputs = sa.Table(
    "inputs", metadata,
    sa.Column("input_hash", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("done_at", sa.Text, nullable=False),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("input_hash", sa.String(64)),
    sa.Column("code", sa.Text),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
)

# Corpus-level actors: key is "kb:<kb_id>", "<TYPE>:<normalised name>" or "anon:<doc>:<eid>".
actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("norm_name", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("norm_name_en", sa.Text),
    sa.Column("kb_id", sa.Text),
    sa.Index("ix_actors_norm_name", "norm_name"),
    sa.Index("ix_actors_norm_name_en", "norm_name_en"),
)

doc_entities = sa.Table(
    "doc_entities", metadata,
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("local_id", sa.String(32), primary_key=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("roles", sa.Text),  # JSON list
    sa.Index("ix_doc_entities_actor", "actor_id"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("entity_local_id", sa.String(32), nullable=False),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("norm_text", sa.Text, nullable=False),
    sa.Index("ix_mentions_actor", "actor_id"),
    sa.Index("ix_mentions_norm_text", "norm_text"),
    sa.Index("ix_mentions_document", "document_id"),
)

timexes = sa.Table(
    "timexes", metadata,
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("local_id", sa.String(32), primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String(10), nullable=False),
    sa.Column("value", sa.Text),
    sa.Column("anchor", sa.Text),
    sa.Column("year_inferred", sa.Boolean, nullable=False, default=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("local_id", sa.String(32), nullable=False),
    sa.Column("speaker_actor_id", sa.Integer, sa.ForeignKey("actors.id")),
    sa.Column("chain_key", sa.Text, nullable=False),  # merged actor ids of the chain, "12>40"
    sa.Column("chain_names", sa.Text, nullable=False),  # JSON list of names, outermost first
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("cue_text", sa.Text),
    sa.Column("content_start", sa.Integer, nullable=False),
    sa.Column("content_end", sa.Integer, nullable=False),
    sa.Column("content_text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.UniqueConstraint("document_id", "local_id"),
    sa.Index("ix_claims_speaker", "speaker_actor_id"),
)

claim_sources = sa.Table(
    "claim_sources", metadata,
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),  # 0 = outermost source
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), nullable=False),
    sa.Index("ix_claim_sources_actor", "actor_id"),
)

merged_events = sa.Table(
    "merged_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("type", sa.String(12), nullable=False),
    sa.Column("mode", sa.Text),
    sa.Column("date", sa.String(10)),  # the most precise agreed date
    sa.Column("precision", sa.String(5)),  # year | month | day
    sa.Column("lo", sa.String(10)),  # the range the reports cover (search window for merging)
    sa.Column("hi", sa.String(10)),
    sa.Column("location_actor_id", sa.Integer, sa.ForeignKey("actors.id")),
    sa.Column("n_reports", sa.Integer, nullable=False, default=0),
    sa.Column("n_outlets", sa.Integer, nullable=False, default=0),
    sa.Column("n_chains", sa.Integer, nullable=False, default=0),
    sa.Column("n_contradictions", sa.Integer, nullable=False, default=0),
    sa.Index("ix_merged_events_type_lo", "type", "lo"),
    sa.Index("ix_merged_events_lo", "lo"),
)

merged_event_actors = sa.Table(
    "merged_event_actors", metadata,
    sa.Column("merged_event_id", sa.Integer, sa.ForeignKey("merged_events.id"), primary_key=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),  # actor | target
    sa.Index("ix_mea_actor", "actor_id", "role"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("local_id", sa.String(32), nullable=False),
    sa.Column("merged_event_id", sa.Integer, sa.ForeignKey("merged_events.id")),
    sa.Column("type", sa.String(12), nullable=False),
    sa.Column("mode", sa.Text),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("trigger_text", sa.Text, nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("precision", sa.String(5)),
    sa.Column("time_local_id", sa.String(32)),
    sa.Column("location_actor_id", sa.Integer, sa.ForeignKey("actors.id")),
    sa.Column("negated", sa.Boolean, nullable=False, default=False),
    sa.Column("modality", sa.String(16)),
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id")),
    sa.Column("denied", sa.Boolean, nullable=False, default=False),  # negated, or asserted by a denial
    sa.Column("chain_key", sa.Text, nullable=False),  # claim chain, or "outlet:<name>" when none
    sa.UniqueConstraint("document_id", "local_id"),
    sa.Index("ix_events_merged", "merged_event_id"),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),
    sa.Index("ix_event_actors_actor", "actor_id"),
)

contradictions = sa.Table(
    "contradictions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("merged_event_id", sa.Integer, sa.ForeignKey("merged_events.id"), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # date | place | denial
    sa.Column("value_a", sa.Text, nullable=False),
    sa.Column("value_b", sa.Text, nullable=False),
    sa.Column("event_a", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("event_b", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.UniqueConstraint("merged_event_id", "kind", "value_a", "value_b"),
)
