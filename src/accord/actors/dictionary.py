"""The actor dictionary: countries, people with dated offices, organisations, national bodies, parties and
movements, armed groups, sectors.

All vocabulary comes from data files (``accord/data/actors``); this module only loads and answers
questions about it. A name resolves to a :class:`NameEntry`; a person's code depends on the date.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, StrictStr, ValidationInfo, model_validator

from ..datafile import read_yaml, validate
from ..errors import DictionaryError
from ..model import Actor


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    title: str
    start: date | None
    end: date | None
    source: str = "built-in"

    def active_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str]
    roles: list[Role]
    country: str | None
    default_code: str | None = None  # a code that holds whatever the date (user dictionaries)
    source: str = "built-in"


@dataclass(slots=True)
class Country:
    code: str
    name: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    metonyms: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NameEntry:
    """What a surface form stands for."""

    kind: str  # country | adjective | demonym | metonym | person | organisation | group | sector
    key: str  # country code, person name, organisation code, or sector code
    role_word: bool = False  # for sectors: a word for a member or office holder ("minister")


@dataclass(frozen=True, slots=True)
class Resolution:
    actor: Actor
    why: str


def _date(value: Any, path: str, line: int | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if len(text) == 7:  # YYYY-MM
            return date.fromisoformat(text + "-01")
        if len(text) == 4:
            return date(int(text), 1, 1)
        return date.fromisoformat(text)
    except ValueError:
        raise DictionaryError(path, line, f"not a date: {text!r}") from None


class ActorDictionary:
    """Every surface form accord knows, with what it stands for."""

    SECTOR_PRECEDENCE_LOW = "GOV"  # any other sector in the same phrase wins over GOV

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Actor] = {}  # by name
        self.sectors: dict[str, str] = {}  # code -> name
        self.names: dict[str, list[NameEntry]] = defaultdict(list)  # case-sensitive surface forms
        self.sector_words: dict[str, NameEntry] = {}  # lower-case role/institution phrases
        self.lower_names: dict[str, list[NameEntry]] = defaultdict(list)  # user entries, matched in any case
        self.user_actors: dict[str, Actor] = {}  # fixed-code user entries, by name
        self.user_sources: dict[str, str] = {}  # user entry name -> "file:line"
        self.news_of: dict[str, str] = {}  # user entry name -> the one country whose news it holds in (news_of)
        self.collective_nouns: frozenset[str] = frozenset()  # "groups", "leaders": people nouns
        self.homonyms: dict[str, tuple[str, str]] = {}  # "Georgia" -> ("USA", "US state"): see load_homonyms

    # ----------------------------------------------------------------- building
    def add_name(self, surface: str, entry: NameEntry, *, first: bool = False) -> None:
        surface = surface.strip()
        if not surface:
            return
        entries = self.names[surface]
        if entry in entries:
            entries.remove(entry)
        if first:
            entries.insert(0, entry)
        else:
            entries.append(entry)

    def add_country(self, country: Country) -> None:
        self.countries[country.code] = country
        for surface in [country.name, *country.aliases]:
            self.add_name(surface, NameEntry("country", country.code))
        for surface in country.adjectives:
            self.add_name(surface, NameEntry("adjective", country.code))
        for surface in country.demonyms:
            self.add_name(surface, NameEntry("demonym", country.code))
        for surface in country.metonyms:
            self.add_name(surface, NameEntry("metonym", country.code))

    def add_person(self, person: Person, *, first: bool = False) -> None:
        existing = self.people.get(person.name)
        if existing and not first:
            existing.roles.extend(person.roles)
            existing.aliases.extend(a for a in person.aliases if a not in existing.aliases)
            person = existing
        else:
            self.people[person.name] = person
        for surface in [person.name, *person.aliases]:
            self.add_name(surface, NameEntry("person", person.name), first=first)

    def add_organisation(self, code: str, name: str, aliases: Iterable[str], country: str | None,
                         kind: str = "organisation", *, first: bool = False) -> None:
        """Organisations are keyed by name: several may share a code (the Pentagon and the FBI are USA...)."""
        self.organisations[name] = Actor(code=code, country=country, name=name, kind=kind)
        for surface in [name, *aliases]:
            self.add_name(surface, NameEntry(kind, name), first=first)

    def add_sector(self, code: str, name: str, institutions: Iterable[str], people: Iterable[str]) -> None:
        self.sectors[code] = name
        for phrase in institutions:
            self.sector_words[phrase.lower()] = NameEntry("sector", code)
        for phrase in people:
            self.sector_words[phrase.lower()] = NameEntry("sector", code, role_word=True)

    def add_user_actor(self, name: str, code: str, country: str | None, source: str) -> None:
        self.user_actors[name] = Actor(code=code, country=country, name=name, kind="user")
        self.user_sources[name] = source

    def limit_to_news_of(self, name: str, country: str) -> None:
        """A user entry that holds only in the news of one country ("the Palace" is PHLGOV in Philippine
        news; checked by the loader in actors/formats.py)."""
        self.news_of[name] = country

    def add_lower_name(self, phrase: str, entry: NameEntry) -> None:
        """A user dictionary's phrase: matched in any case, ahead of built-in entries."""
        phrase = " ".join(phrase.lower().split())
        if phrase and entry not in self.lower_names[phrase]:
            self.lower_names[phrase].insert(0, entry)

    def add_sector_word(self, phrase: str, sector: str, role_word: bool) -> None:
        self.sectors.setdefault(sector, sector)
        self.sector_words[phrase.lower()] = NameEntry("sector", sector, role_word=role_word)

    # ----------------------------------------------------------------- answering
    def country_actor(self, code: str, sector: str | None = None) -> Actor:
        country = self.countries.get(code)
        name = country.name if country else code
        if sector:
            return Actor(code=code + sector, country=code, name=f"{name} ({self.sectors.get(sector, sector)})",
                         kind="sector")
        return Actor(code=code, country=code, name=name, kind="country")

    def resolve_person(self, name: str, when: date | None) -> Resolution:
        """A person's actor on a date: the office held then; without a date, the latest office."""
        person = self.people[name]
        if person.default_code and not person.roles:
            return Resolution(Actor(person.default_code, person.country, person.name, "person"),
                              f"{person.source}: {person.name} -> {person.default_code}")
        roles = sorted(person.roles, key=lambda r: (r.start or date.min))
        if when is not None:
            active = [r for r in roles if r.active_on(when)]
            if active:
                role = active[-1]  # of offices held at once, the one taken up last
                return Resolution(
                    Actor(role.code, _role_country(role, person), person.name, "person"),
                    f"{role.source}: {person.name} was {role.title or 'coded ' + role.code} ({_span(role)}) "
                    f"on {when.isoformat()}",
                )
            if person.default_code:
                return Resolution(Actor(person.default_code, person.country, person.name, "person"),
                                  f"{person.source}: {person.name} -> {person.default_code} (no dated role on {when})")
            if person.country:
                held = "; ".join(f"{r.title} {_span(r)}" for r in roles) or "no recorded office"
                return Resolution(
                    Actor(person.country + "ELI", person.country, person.name, "person"),
                    f"{person.source}: {person.name} held no listed office on {when.isoformat()} ({held}): elite",
                )
        if roles:
            role = roles[-1]
            return Resolution(Actor(role.code, _role_country(role, person), person.name, "person"),
                              f"{role.source}: {person.name}, latest office {role.title} ({_span(role)}); "
                              "no date given")
        code = person.default_code or (person.country or "")
        return Resolution(Actor(code, person.country, person.name, "person"), f"{person.source}: {person.name}")

    def lookup(self, surface: str) -> list[NameEntry]:
        """Entries for a surface form: user entries first, then built-in names, then sector words."""
        found = list(self.lower_names.get(" ".join(surface.lower().split()), ()))
        found += [e for e in self.names.get(surface, ()) if e not in found]
        sector = self.sector_words.get(surface.lower())
        if sector:
            found.append(sector)
        return found


def _role_country(role: Role, person: Person) -> str | None:
    """The country an office belongs to: none for an international organisation's."""
    if role.code.startswith(("IGO", "NGO", "IMG")):
        return None
    return role.code[:3] if role.code[:3].isalpha() else person.country


def _span(role: Role) -> str:
    start = role.start.isoformat() if role.start else "?"
    end = role.end.isoformat() if role.end else "today"
    return f"{start} to {end}"


# --------------------------------------------------------------------- loading the built-in data
def _data_dir() -> Path:
    return Path(str(resources.files("accord").joinpath("data/actors")))


YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text("utf-8"), Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(str(path), mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None


def _strings(value: Any, path: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DictionaryError(path, None, f"{what} must be a list of strings")
    return list(value)


def load_countries(dictionary: ActorDictionary, path: Path) -> None:
    for item in _load_yaml(path) or []:
        code = item.get("code")
        if not code or not item.get("name"):
            raise DictionaryError(str(path), None, f"country entry without code or name: {item!r}")
        dictionary.add_country(Country(
            code=code,
            name=item["name"],
            aliases=_strings(item.get("aliases"), str(path), "aliases"),
            adjectives=_strings(item.get("adjectives"), str(path), "adjectives"),
            demonyms=_strings(item.get("demonyms"), str(path), "demonyms"),
            capital=item.get("capital"),
            metonyms=_strings(item.get("metonyms"), str(path), "metonyms"),
        ))


def load_homonyms(dictionary: ActorDictionary, path: Path) -> None:
    """Country names that are also a place of another country (homonyms.yaml), checked against the
    countries loaded: the name must be a country's, the other country a known one."""
    for item in _load_yaml(path) or []:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("name", "place_of", "what")):
            raise DictionaryError(str(path), None, f"a homonym needs name, place_of and what: {item!r}")
        name, other = item["name"], item["place_of"]
        if not any(e.kind == "country" for e in dictionary.names.get(name, ())):
            raise DictionaryError(str(path), None, f"{name!r} is not a country's name in countries.yaml")
        if other not in dictionary.countries:
            raise DictionaryError(str(path), None, f"{name!r}: {other!r} is not a country code in countries.yaml")
        dictionary.homonyms[name] = (other, item["what"])


def people_from_yaml(items: list[dict[str, Any]], path: str, source: str = "built-in") -> list[Person]:
    people = []
    for item in items or []:
        if not isinstance(item, dict) or not item.get("name"):
            raise DictionaryError(path, None, f"person entry without a name: {item!r}")
        roles = []
        for role in item.get("roles") or []:
            if not role.get("code"):
                raise DictionaryError(path, None, f"{item['name']}: role without code")
            start, end = _date(role.get("start"), path, None), _date(role.get("end"), path, None)
            if start and end and end < start:
                raise DictionaryError(path, None, f"{item['name']}: {role.get('title') or role['code']} ends "
                                                  f"({end.isoformat()}) before it starts ({start.isoformat()})")
            roles.append(Role(code=role["code"], title=str(role.get("title") or ""), start=start, end=end,
                              source=source))
        country = item.get("country") or _country_of(roles)
        people.append(Person(name=item["name"], aliases=_strings(item.get("aliases"), path, "aliases"),
                             roles=roles, country=country, default_code=item.get("code"), source=source))
    return people


def _country_of(roles: list[Role]) -> str | None:
    for role in roles:
        if role.code[:3].isalpha() and not role.code.startswith("IGO"):
            return role.code[:3]
    return None


def sector_table() -> dict[str, Any]:
    """The sector table (sectors.yaml): sector code -> {name, institutions, people}."""
    return _load_yaml(_data_dir() / "sectors.yaml") or {}


class NationalEntry(BaseModel):
    """An entry of national_bodies.yaml, parties.yaml or movements.yaml: a body of one country, coded by its
    country and a sector of sectors.yaml (INDPTY, USAGOV). A name that bodies of several countries share has
    no country and the code ``---`` + sector: the matcher gives it the country its phrase or its sentence
    names ("Germany's Social Democrats"), else it stays of no known country."""

    model_config = ConfigDict(extra="forbid")
    code: StrictStr
    name: StrictStr
    aliases: list[StrictStr] = []
    country: StrictStr | None

    @model_validator(mode="after")
    def _coded_by_country_and_sector(self, info: ValidationInfo) -> NationalEntry:
        assert info.context is not None  # validated with the tables as its context
        countries, sectors = info.context["countries"], info.context["sectors"]
        if self.country is not None and self.country not in countries:
            raise ValueError(f"unknown country {self.country!r} (not in countries.yaml)")
        prefix = self.country or "---"
        if not self.code.startswith(prefix) or self.code[3:] not in sectors:
            raise ValueError(f"code {self.code!r} is not {prefix!r} followed by a sector of sectors.yaml "
                             f"({', '.join(sorted(sectors))})")
        return self


NATIONAL_FILES = ("national_bodies.yaml", "parties.yaml", "movements.yaml")


def load_national(dictionary: ActorDictionary, path: Path) -> None:
    """A file of national bodies (NATIONAL_FILES), each entry checked: a mistake names the file and line."""
    data, lines = read_yaml(path.read_text("utf-8"), str(path))
    if not isinstance(data, list):
        raise DictionaryError(str(path), 1, "expected a list of entries")
    context = {"countries": dictionary.countries, "sectors": dictionary.sectors}
    for i, item in enumerate(data):
        what = f"entry {i + 1}" + (f" ({item['name']})" if isinstance(item, dict) and "name" in item else "")
        entry = validate(NationalEntry, item, source=str(path), lines=lines, path=(i,), what=what, context=context)
        dictionary.add_organisation(entry.code, entry.name, entry.aliases, entry.country)


def load_builtin(people: bool = True) -> ActorDictionary:
    """The dictionary built from accord's own data files; without ``people``, only countries, organisations,
    groups and sectors (a fraction of the time: what turns a name typed in the analyst views into a code)."""
    base = _data_dir()
    dictionary = ActorDictionary()
    for code, spec in sector_table().items():
        dictionary.add_sector(code, spec.get("name", code), spec.get("institutions") or [], spec.get("people") or [])
    lines = (base / "collective_nouns.txt").read_text("utf-8").splitlines()
    dictionary.collective_nouns = frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
    if (base / "countries.yaml").exists():
        load_countries(dictionary, base / "countries.yaml")
        load_homonyms(dictionary, base / "homonyms.yaml")
    for name, kind in (("organisations.yaml", "organisation"), *((n, "organisation") for n in NATIONAL_FILES),
                       ("armed_groups.yaml", "group"), ("ethnic_groups.yaml", "people")):
        path = base / name
        if not path.exists():
            continue
        if name in NATIONAL_FILES:
            load_national(dictionary, path)
            continue
        for item in _load_yaml(path) or []:
            if not item.get("code") or not item.get("name"):
                raise DictionaryError(str(path), None, f"entry without code or name: {item!r}")
            dictionary.add_organisation(item["code"], item["name"], _strings(item.get("aliases"), str(path), "aliases"),
                                        item.get("country"), kind)
    for path in sorted((base / "people").glob("*.yaml")) if people else ():
        for person in people_from_yaml(_load_yaml(path), str(path)):
            dictionary.add_person(person)
    return dictionary
