"""Explaining how a name resolves: ``accord actors lookup``."""
from __future__ import annotations

from datetime import date

from .dictionary import ActorDictionary


def explain(dictionary: ActorDictionary, name: str, when: date | None) -> list[str]:
    """Lines saying what the name stands for on the date, and why."""
    entries = dictionary.lookup(name.strip())
    if not entries:
        return [f"unknown: {name!r} is not in the dictionary"]
    lines = []
    for entry in entries:
        if entry.kind == "person":
            resolution = dictionary.resolve_person(entry.key, when)
            lines.append(f"{name} -> {resolution.actor.code} ({resolution.actor.name})")
            lines.append(f"  because {resolution.why}")
            person = dictionary.people[entry.key]
            for role in sorted(person.roles, key=lambda r: r.start or date.min):
                start = role.start.isoformat() if role.start else "?"
                end = role.end.isoformat() if role.end else "today"
                lines.append(f"  office: {role.title} {role.code} {start} to {end} ({role.source})")
        elif entry.kind in ("country", "adjective", "demonym", "metonym"):
            actor = dictionary.country_actor(entry.key)
            lines.append(f"{name} -> {actor.code} ({actor.name})")
            lines.append(f"  because {name!r} is a {entry.kind} of {actor.name}")
        elif entry.kind == "sector":
            sector = dictionary.sectors.get(entry.key, entry.key)
            role = "a member or office holder of" if entry.role_word else "the institution"
            lines.append(f"{name} -> sector {entry.key} ({sector})")
            lines.append(f"  because {name!r} names {role} {sector}; with a country it composes e.g. JPN{entry.key}")
        elif entry.kind == "user":
            actor = dictionary.user_actors[entry.key]
            lines.append(f"{name} -> {actor.code} ({actor.name})")
            lines.append(f"  because the user dictionary says so ({dictionary.user_sources.get(entry.key, '?')})")
        else:
            actor = dictionary.organisations[entry.key]
            lines.append(f"{name} -> {actor.code} ({actor.name})")
            lines.append(f"  because {name!r} is a name of the {entry.kind} {actor.name}")
    return lines
