"""User dictionaries in the field's formats: PETRARCH/TABARI actor and agent files, YAML and CSV.

User entries take precedence over the built-in dictionary. A malformed line raises a DictionaryError
naming the file and line; with ``strict=False`` the line is skipped, the error is collected and the rest
of the file loads.

PETRARCH actor records (see the TABARI manual)::

    BARACK_OBAMA_                 # a phrase, words joined by "_"; a trailing "_" means "no plural"
    +PRESIDENT_OBAMA_             # a synonym
        [USAELI 780101-090119]    # a code for a period (YYMMDD or YYYYMMDD; "<date", ">date", "a-b")
        [USAGOV >090120]
    JAPAN_  [JPN]                 # a code on the phrase line: the default

PETRARCH agent lines: ``PHRASE {PLURAL} [~GOV]`` (the sector is appended to the country: EGY + COP),
with ``!PERSON! = MAN, MEN, ...`` substitution sets.

YAML: a list of ``{name, aliases?, code?, country?, news_of?, roles?: [{code, title?, start?, end?}]}``.
CSV: columns ``name, code, start, end, aliases, news_of`` (aliases separated by ``;``); rows with the same name
are one actor with several dated codes. ``news_of``: the entry holds only in the news of that country (the
matcher's document country: its dateline's, else the country it names most).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import DictionaryError
from .dictionary import ActorDictionary, NameEntry, Person, Role, people_from_yaml

CODE_LINE = re.compile(r"^\[\s*([A-Za-z0-9~]+)\s*([^\]]*)\]\s*(?:#.*)?$")
PHRASE_LINE = re.compile(r"^([^\s\[#]+)\s*(?:\[\s*([A-Za-z0-9~]+)\s*\])?\s*(?:#.*)?$")
AGENT_LINE = re.compile(r"^(.+?)\s*(?:\{([^}]*)\})?\s*\[\s*(~?[A-Za-z]+~?)\s*\]\s*(?:#.*)?$")
SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass
class LoadReport:
    """What a user dictionary added, and the lines it could not read."""

    path: str
    entries: int = 0
    names: int = 0
    errors: list[DictionaryError] = field(default_factory=list)


def _yymmdd(text: str, path: str, line: int) -> date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise DictionaryError(path, line, f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        year = int(digits[:2])
        year += 1900 if year >= 30 else 2000  # TABARI's two-digit years: 30-99 -> 19xx
        digits = f"{year:04d}{digits[2:]}"
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise DictionaryError(path, line, f"date {text!r} is not a real date") from None


def _restriction(text: str, path: str, line: int) -> tuple[date | None, date | None]:
    text = text.strip()
    if not text:
        return None, None
    if text.startswith("<"):
        return None, _yymmdd(text[1:], path, line)
    if text.startswith(">"):
        return _yymmdd(text[1:], path, line), None
    if "-" in text:
        start, _, end = text.partition("-")
        return _yymmdd(start, path, line), _yymmdd(end, path, line)
    raise DictionaryError(path, line, f"date restriction {text!r} is not <date, >date or date-date")


def _phrase_words(phrase: str) -> str:
    """BARACK_OBAMA_ -> 'barack obama' (user phrases are matched without regard to case)."""
    return " ".join(w for w in phrase.strip().rstrip("_").split("_") if w).lower()


def _title(words: str) -> str:
    return " ".join(w.capitalize() if w.isalpha() else w.upper() for w in words.split())


def _country(code: str) -> str | None:
    root = code[:3]
    if root in ("IGO", "NGO", "IMG", "MNC", "---") or not root.isalpha():
        return None
    return root


def load_petrarch_actors(dictionary: ActorDictionary, path: Path, *, strict: bool = True) -> LoadReport:
    report = LoadReport(str(path))
    entries: list[tuple[int, list[str], str | None, list[Role]]] = []  # line, phrases, default, roles
    current: list | None = None

    def fail(error: DictionaryError) -> None:
        if strict:
            raise error
        report.errors.append(error)

    for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("[") else raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            if stripped.startswith("["):
                if current is None:
                    raise DictionaryError(str(path), number, "a code line before any phrase")
                match = CODE_LINE.match(stripped)
                if not match:
                    raise DictionaryError(str(path), number, f"not a [CODE date] line: {stripped!r}")
                code, restriction = match.group(1), match.group(2)
                start, end = _restriction(restriction, str(path), number)
                if start is None and end is None:
                    current[2] = code
                else:
                    current[3].append(Role(code, "", start, end, source=f"{path.name}:{number}"))
            elif stripped.startswith("+"):
                if current is None:
                    raise DictionaryError(str(path), number, "a synonym (+) before any phrase")
                current[1].append(_phrase_words(stripped[1:].split()[0]))
            else:
                match = PHRASE_LINE.match(stripped)
                if not match:
                    raise DictionaryError(str(path), number, f"not a phrase line: {stripped!r}")
                current = [number, [_phrase_words(match.group(1))], match.group(2), []]
                entries.append(current)  # type: ignore[arg-type]
        except DictionaryError as error:
            fail(error)
    for number, phrases, default, roles in entries:
        phrases = [p for p in phrases if p]
        if not phrases or (default is None and not roles):
            fail(DictionaryError(str(path), number, "an entry without any code"))
            continue
        _add_user_actor(dictionary, phrases, default, roles, f"{path.name}:{number}")
        report.entries += 1
        report.names += len(phrases)
    return report


def _news_of(dictionary: ActorDictionary, name: str, value: Any, path: str, line: int | None) -> None:
    """Limit the entry ``name`` to the news of the country ``value`` names (none: every document's)."""
    if value is None or not str(value).strip():
        return
    code = str(value).strip().upper()
    if code not in dictionary.countries:
        raise DictionaryError(path, line, f"{name}: news_of {value!r} is not the code of a country (PHL)")
    dictionary.limit_to_news_of(name, code)


def _add_user_actor(dictionary: ActorDictionary, phrases: list[str], default: str | None, roles: list[Role],
                    source: str) -> None:
    name = _title(phrases[0])
    codes = [default] if default else [r.code for r in roles]
    if roles:  # dated codes: a person (or office) whose code depends on the date
        person = Person(name=name, aliases=[], roles=roles, country=_country(codes[0]), default_code=default,
                        source=source)
        dictionary.people[name] = person
        entry = NameEntry("person", name)
    else:
        dictionary.add_user_actor(name, default or "", _country(default or ""), source)
        entry = NameEntry("user", name)
    for phrase in phrases:
        dictionary.add_lower_name(phrase, entry)


def load_petrarch_agents(dictionary: ActorDictionary, path: Path, *, strict: bool = True) -> LoadReport:
    report = LoadReport(str(path))
    substitutions: dict[str, list[str]] = {}
    for number, raw in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = SUBSTITUTION.match(line)
        if sub:
            substitutions[sub.group(1)] = [w.strip().lower() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = AGENT_LINE.match(line)
        if not match:
            error = DictionaryError(str(path), number, f"not an agent line: {line!r}")
            if strict:
                raise error
            report.errors.append(error)
            continue
        phrase, plural, code = match.group(1), match.group(2), match.group(3)
        if not code.startswith("~"):
            continue  # "[IGO~]": a prefix code, which sectors do not compose
        sector = code.strip("~").upper()
        forms = [phrase] + ([plural] if plural else [])
        expanded: list[str] = []
        for form in forms:
            for key, choices in substitutions.items():
                if key in form:
                    expanded.extend(form.replace(key, "_" + w + "_") for w in choices)
                    break
            else:
                expanded.append(form)
        for form in expanded:
            words = _phrase_words(form)
            if words:
                dictionary.add_sector_word(words, sector, role_word=True)
                if not plural and not words.endswith("s"):
                    dictionary.add_sector_word(words + "s", sector, role_word=True)
                report.names += 1
        report.entries += 1
    return report


def load_yaml(dictionary: ActorDictionary, path: Path, *, strict: bool = True) -> LoadReport:
    report = LoadReport(str(path))
    try:
        items = yaml.safe_load(path.read_text("utf-8")) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(str(path), mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    if not isinstance(items, list):
        raise DictionaryError(str(path), 1, "a YAML dictionary is a list of entries")
    for n, item in enumerate(items, start=1):
        try:
            _yaml_entry(dictionary, item, str(path), n)
            report.entries += 1
        except DictionaryError as error:
            if strict:
                raise
            report.errors.append(error)
    return report


def _yaml_entry(dictionary: ActorDictionary, item: Any, path: str, n: int) -> None:
    if not isinstance(item, dict) or not item.get("name"):
        raise DictionaryError(path, None, f"entry {n} has no name")
    names = [item["name"], *(item.get("aliases") or [])]
    _news_of(dictionary, str(item["name"]), item.get("news_of"), path, None)
    if item.get("roles"):
        (person,) = people_from_yaml([item], path, source=Path(path).name)
        dictionary.people[person.name] = person
        entry = NameEntry("person", person.name)
    elif item.get("code"):
        dictionary.add_user_actor(item["name"], str(item["code"]), item.get("country") or _country(str(item["code"])),
                                  Path(path).name)
        entry = NameEntry("user", item["name"])
    else:
        raise DictionaryError(path, None, f"entry {n} ({item['name']}) has neither code nor roles")
    for surface in names:
        dictionary.add_lower_name(str(surface).lower(), entry)


def load_csv(dictionary: ActorDictionary, path: Path, *, strict: bool = True) -> LoadReport:
    report = LoadReport(str(path))
    rows: dict[str, dict[str, Any]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"name", "code"} - set(reader.fieldnames or [])
        if missing:
            raise DictionaryError(str(path), 1, f"missing columns: {', '.join(sorted(missing))}")
        for row in reader:
            number = reader.line_num
            try:
                name, code = (row.get("name") or "").strip(), (row.get("code") or "").strip()
                if not name or not code:
                    raise DictionaryError(str(path), number, "a row needs a name and a code")
                start = _iso(row.get("start"), str(path), number)
                end = _iso(row.get("end"), str(path), number)
                entry = rows.setdefault(name, {"name": name, "aliases": [], "roles": [], "code": None,
                                               "news_of": None, "line": number})
                news_of = (row.get("news_of") or "").strip() or None
                if news_of and entry["news_of"] not in (None, news_of):
                    raise DictionaryError(str(path), number, f"{name}: news_of {news_of!r} here, "
                                                             f"{entry['news_of']!r} on an earlier row")
                entry["news_of"] = entry["news_of"] or news_of
                entry["aliases"] += [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
                if start or end:
                    entry["roles"].append(Role(code, "", start, end, source=f"{path.name}:{number}"))
                else:
                    entry["code"] = code
            except DictionaryError as error:
                if strict:
                    raise
                report.errors.append(error)
    for entry in rows.values():
        try:
            _news_of(dictionary, _title(entry["name"].lower()), entry["news_of"], str(path), entry["line"])
        except DictionaryError as error:
            if strict:
                raise
            report.errors.append(error)
            continue
        phrases = [entry["name"].lower(), *(a.lower() for a in entry["aliases"])]
        _add_user_actor(dictionary, phrases, entry["code"], entry["roles"], path.name)
        # keep the name as written rather than title-cased
        report.entries += 1
    return report


def _iso(value: Any, path: str, line: int) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DictionaryError(path, line, f"date {text!r} is not YYYY-MM-DD") from None


LOADERS = {".yaml": load_yaml, ".yml": load_yaml, ".csv": load_csv}


def load_user_dictionary(dictionary: ActorDictionary, path: Path, *, strict: bool = True) -> LoadReport:
    """Load one user dictionary, choosing the reader by its name and contents."""
    if not path.is_file():
        raise DictionaryError(str(path), None, "no such file")
    loader = LOADERS.get(path.suffix.lower())
    if loader is not None:
        return loader(dictionary, path, strict=strict)
    head = path.read_text("utf-8", errors="replace")[:20000]
    if re.search(r"^\S.*\[~[A-Z]+\]", head, re.MULTILINE):
        return load_petrarch_agents(dictionary, path, strict=strict)
    return load_petrarch_actors(dictionary, path, strict=strict)


def build_dictionary(paths: list[Path], *, strict: bool = True) -> tuple[ActorDictionary, list[LoadReport]]:
    """The built-in dictionary with user dictionaries on top, later files over earlier ones."""
    from .. import cache
    from .dictionary import load_builtin

    dictionary = cache.load("actor-dictionary", load_builtin)  # a new copy: the user's entries go on top
    reports = [load_user_dictionary(dictionary, Path(p), strict=strict) for p in paths]
    return dictionary, reports
