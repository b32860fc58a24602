"""The claims stage: reported speech with its source chain (isnad), stance and kind.

``annotate`` finds reporting cues (rawi.claims.cues, from data/claims/cues.yaml), the
content each governs (rawi.claims.content), the speaker of each and how claims nest
(rawi.claims.chains), and adds ``doc.claims`` (ids c1, c2… in text order) plus an entity
for each anonymous source ("مصادر مطلعة"), marked ``anonymous``.
"""

from __future__ import annotations

from rawi.document import Claim, Document
from rawi.settings import Settings


def annotate(doc: Document, settings: Settings) -> None:
    from rawi.claims.chains import build_chains, resolve_speakers
    from rawi.claims.content import Context, attribution_drafts, headline_drafts, verb_drafts
    from rawi.claims.cues import words

    ws = words(doc)
    if not ws:
        return
    cx = Context(doc, ws)
    drafts = verb_drafts(cx) + attribution_drafts(cx) + headline_drafts(cx)
    if not drafts:
        return
    resolve_speakers(cx, drafts)
    kept = build_chains(cx, drafts)
    kept.sort(key=lambda d: (min(d.anchor, d.content[0]), d.content[0], d.anchor))
    first = len(doc.claims) + 1
    for n, d in enumerate(kept, first):
        doc.claims.append(Claim(
            id=f"c{n}", chain=list(d.chain),
            cue=doc.span(*d.cue) if d.cue else None,
            content=doc.span(*d.content), kind=d.kind, stance=d.stance, recipient=d.recipient,
        ))
