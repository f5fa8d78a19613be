"""Places: the shipped gazetteer, division names found in text, and sites below county level."""

from undeleted.geo.countries import CountryNames
from undeleted.geo.gazetteer import Division, Gazetteer, in_scope
from undeleted.geo.resolve import PlaceMention, find_countries, find_places, resolve_mentions, resolve_places
from undeleted.geo.scope import Scope, decide_scope
from undeleted.geo.sites import find_sites

__all__ = [
    "CountryNames",
    "Scope",
    "decide_scope",
    "Division",
    "Gazetteer",
    "PlaceMention",
    "find_countries",
    "find_places",
    "find_sites",
    "in_scope",
    "resolve_mentions",
    "resolve_places",
]
