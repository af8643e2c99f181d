"""Explaining how a name resolves: ``accord actors lookup``.

What the coder does comes first, found by the coder's own code: the name (or a text holding it) goes
through the same MentionFinder the pipeline uses, so the answer is the coder's, reasons included ("New
Jersey" is the US state, not Jersey). The dictionary's entries for the name follow: a person's offices,
a country's kinds of name, and the readings the coder may give it elsewhere.
"""
from __future__ import annotations

from datetime import date

from .dictionary import ActorDictionary
from .matcher import COUNTRY_KINDS, MentionFinder, place_named_not_an_actor


def explain(dictionary: ActorDictionary, name: str, when: date | None, finder: MentionFinder | None = None,
            context: str | None = None) -> list[str]:
    """Lines saying what the name stands for on the date, and why; the first line starts "unknown" when
    neither the coder nor the dictionary knows it. With ``finder``, the coder reads the name in
    ``context`` (a text holding it; by default the name alone)."""
    name = name.strip()
    found, lines = coder_reading(finder, name, when, context) if finder is not None else (False, [])
    entries = dictionary_entries(dictionary, name, when)
    if not entries and not found:
        return [f"unknown: {name!r} is not in the dictionary", *lines]
    return lines + entries


def coder_reading(finder: MentionFinder, name: str, when: date | None, context: str | None
                  ) -> tuple[bool, list[str]]:
    """What the coder's MentionFinder makes of the name in its text: whether it finds an actor there, and
    lines with the actor and the coder's own reason (or why it finds none)."""
    text = context or name
    at = text.find(name)
    if at < 0:
        return False, [f"the text given does not contain {name!r}"]
    doc = finder.nlp(text)
    where = f" in {text!r}" if context else ""
    found = [m for m in finder.find(doc, when) if m.start < at + len(name) and at < m.end]
    lines = []
    for mention in found:
        codes = ", ".join(a.code for a in mention.plural) if mention.plural else mention.actor.code
        lines.append(f"{name} -> {codes} ({mention.actor.name}){where}, as the coder reads it")
        lines.append(f"  because {mention.how}")
    if not found:
        lines.append(f"the coder finds no actor in {name!r}{where}")
        span = doc.char_span(at, at + len(name), alignment_mode="expand")
        for reason in (finder.part_of_a_longer_place(span), place_named_not_an_actor(span)) if span else ():
            if reason:
                lines.append(f"  because {reason}")
    return bool(found), lines


def dictionary_entries(dictionary: ActorDictionary, name: str, when: date | None) -> list[str]:
    """The dictionary's entries for the name, each with what it stands for."""
    lines = []
    for entry in dictionary.lookup(name):
        if entry.kind == "person":
            resolution = dictionary.resolve_person(entry.key, when)
            lines.append(f"dictionary: {name} -> {resolution.actor.code} ({resolution.actor.name})")
            lines.append(f"  because {resolution.why}")
            person = dictionary.people[entry.key]
            for role in sorted(person.roles, key=lambda r: r.start or date.min):
                start = role.start.isoformat() if role.start else "?"
                end = role.end.isoformat() if role.end else "today"
                lines.append(f"  office: {role.title} {role.code} {start} to {end} ({role.source})")
        elif entry.kind in COUNTRY_KINDS:
            actor = dictionary.country_actor(entry.key)
            lines.append(f"dictionary: {name} -> {actor.code} ({actor.name})")
            lines.append(f"  because {name!r} is a {entry.kind} of {actor.name}")
            if entry.kind == "country" and name in dictionary.homonyms:
                other, what = dictionary.homonyms[name]
                lines.append(f"  but in a document that names other places of {other} and nothing else of "
                             f"{actor.name}, the coder reads it as the {what} ({other})")
        elif entry.kind == "sector":
            sector = dictionary.sectors.get(entry.key, entry.key)
            named = "a member or office holder of" if entry.role_word else "the institution"
            lines.append(f"dictionary: {name} -> sector {entry.key} ({sector})")
            lines.append(f"  because {name!r} names {named} {sector}; with a country it composes e.g. JPN{entry.key}")
        elif entry.kind == "user":
            actor = dictionary.user_actors[entry.key]
            lines.append(f"dictionary: {name} -> {actor.code} ({actor.name})")
            lines.append(f"  because the user dictionary says so ({dictionary.user_sources.get(entry.key, '?')})")
        else:
            actor = dictionary.organisations[entry.key]
            lines.append(f"dictionary: {name} -> {actor.code} ({actor.name})")
            lines.append(f"  because {name!r} is a name of the {entry.kind} {actor.name}")
    return lines
