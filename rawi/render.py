"""Plain-text view of a Document (``rawi extract --format text``), rendered generically.

Each section reads only the public fields of the records, so a stage that adds fields
needs no change here. Sections with nothing in them are left out.
"""

from __future__ import annotations

from rawi.document import Document


def _name(doc: Document, eid: str | None) -> str:
    if not eid:
        return "?"
    e = doc.entity(eid)
    return e.name if e else eid


def _entities(doc: Document) -> list[str]:
    out = []
    for e in sorted(doc.entities, key=lambda e: (-len(e.mentions), e.name)):
        line = f"  {e.name} [{e.type}]"
        if e.name_en:
            line += f" ({e.name_en})"
        line += f" ×{len(e.mentions)}"
        if e.roles:
            line += " — " + "، ".join(e.roles)
        if e.kb_id:
            line += f"  <{e.kb_id}>"
        out.append(line)
    return out


def _timexes(doc: Document) -> list[str]:
    out = []
    for t in sorted(doc.timexes, key=lambda t: t.start):
        line = f"  {t.text} → {t.value or '?'} [{t.type}]"
        if t.year_inferred:
            line += " (year inferred)"
        out.append(line)
    return out


def _claims(doc: Document) -> list[str]:
    out = []
    for c in doc.claims:
        chain = " ← ".join(_name(doc, i) for i in c.chain) or "?"
        cue = f" ({c.cue.text})" if c.cue else ""
        if c.stance != "assertion":
            cue += f" [{c.stance}]"
        if c.recipient:
            cue += f" → {_name(doc, c.recipient)}"
        content = " ".join(c.content.text.split())
        if len(content) > 160:
            content = content[:157] + "…"
        out.append(f"  {chain}{cue}: {content}")
    return out


def _events(doc: Document) -> list[str]:
    out = []
    # in date order (undated last); same date: text order
    for v in sorted(doc.events, key=lambda v: (v.date or "9999", v.trigger.start)):
        actors = ", ".join(_name(doc, i) for i in v.actors) or "?"
        targets = ", ".join(_name(doc, i) for i in v.targets)
        mood = (f"{v.modality} " if getattr(v, "modality", None) else "") + ("not " if v.negated else "")
        parts = [v.date or "?", mood + v.type + (f"/{v.mode}" if v.mode else ""),
                 actors + (f" → {targets}" if targets else "")]
        if v.location:
            parts.append(_name(doc, v.location))
        if v.claim:
            claim = next((c for c in doc.claims if c.id == v.claim), None)
            if claim and claim.chain:
                parts.append("according to " + _name(doc, claim.chain[-1]))
        out.append("  " + ", ".join(parts) + f"  «{v.trigger.text}»")
    return out


def render_text(doc: Document) -> str:
    """Title, date, then entities, times, claims and events, one line each."""
    lines = [doc.title or "(untitled)", f"published: {doc.published or 'unknown'}"]
    if doc.source:
        lines.append(f"source: {doc.source}")
    lines.append(f"text: {len(doc.text)} characters, {len(doc.paragraphs)} paragraphs, "
                 f"{len(doc.sentences)} sentences" + (f"; {len(doc.removed)} boilerplate blocks removed"
                                                      if doc.removed else ""))
    for title, body in (("entities", _entities(doc)), ("times", _timexes(doc)),
                        ("claims", _claims(doc)), ("events", _events(doc))):
        if body:
            lines += ["", f"{title} ({len(body)}):", *body]
    return "\n".join(lines) + "\n"
