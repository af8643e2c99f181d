"""Small facts about tokens and sides that every phase of the coder asks: the verb a word hangs from, an
actor's sector, whether two sides are the same actor.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Actor, ActorRef


def governing_verb(token: Token) -> Token | None:
    """The verb a noun hangs from ("spoke ahead of a summit" -> spoke)."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def sector_of(actor: Actor) -> str:
    """An actor's sector, also for a sector of no known country ("---MIL": "troops"); "" for none. A code's
    first role after its country is its sector: "INS" for the Taliban's AFGINSTAL, not "INSTAL"."""
    tail = actor.code[3:] if actor.code.startswith("---") else (actor.sector or "")
    return tail[:3]


def same_token(a: Token, b: Token | None) -> bool:
    return b is not None and a.i == b.i


def same(a: ActorRef, b: ActorRef) -> bool:
    return a.actor.code == b.actor.code and a.actor.name == b.actor.name


def unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[str, str]] = set()
    out = []
    for ref in refs:
        key = (ref.actor.code, ref.actor.name)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out
