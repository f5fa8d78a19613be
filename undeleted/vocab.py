"""Closed vocabularies of ../shared/SCHEMA.md, as Literal types.

A test (tests/test_vocab_schema.py) reads SCHEMA.md and checks every list here
against it, so the two cannot drift apart.
"""

from typing import Literal, get_args

EventType = Literal[
    "protest",
    "clash",
    "defiance",
    "strike",
    "petition",
    "online_dissent",
    "restriction",
    "relaxation",
    "repression",
    "censorship",
    "official_response",
    "death",
    "hardship",
]
TimePrecision = Literal["day", "week", "month", "year"]
GeoPrecision = Literal["admin3", "admin2", "admin1", "country"]
ActorKind = Literal[
    "residents",
    "workers",
    "students",
    "homeowners",
    "retirees",
    "farmers",
    "patients",
    "netizens",
    "individual",
    "police",
    "community_workers",
    "officials",
    "government",
    "company",
    "media",
    "other",
]
ActorRole = Literal["initiator", "target", "responder", "victim"]
ParticipantSize = Literal["individual", "small", "dozens", "hundreds", "thousands", "unknown"]
Grievance = Literal[
    "covid_policy",
    "lockdown",
    "testing",
    "medical_access",
    "livelihood",
    "supplies",
    "wages",
    "housing",
    "land",
    "environment",
    "corruption",
    "police_conduct",
    "censorship",
    "fraud",
    "education",
    "political",
    "other",
]
Tactic = Literal[
    "gathering",
    "chanting",
    "banners",
    "marching",
    "blocking",
    "breaking_barriers",
    "fleeing",
    "confrontation",
    "negotiation",
    "petition",
    "online_post",
    "video",
    "hashtag",
    "self_harm",
    "hunger_strike",
    "property_damage",
    "other",
]
StateResponse = Literal[
    "arrest",
    "detention",
    "violence",
    "police_deployment",
    "health_code_penalty",
    "censorship",
    "intimidation",
    "apology",
    "investigation",
    "concession",
    "prosecution",
    "raid",
    "none_reported",
]
HashtagStatus = Literal["removed", "active", "unknown"]
Credibility = Literal["confirmed", "reported", "alleged", "unverified"]
DateSource = Literal["metadata", "inferred", "unknown"]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
DISSENT_TYPES = ("protest", "clash", "defiance", "strike", "petition", "online_dissent")
STATE_TYPES = ("restriction", "relaxation", "repression", "censorship", "official_response")

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "type": EVENT_TYPES,
    "time_precision": get_args(TimePrecision),
    "geo_precision": get_args(GeoPrecision),
    "actors[].kind": get_args(ActorKind),
    "role": get_args(ActorRole),
    "participants.size": get_args(ParticipantSize),
    "grievances": get_args(Grievance),
    "tactics": get_args(Tactic),
    "state_response": get_args(StateResponse),
    "hashtags.status": get_args(HashtagStatus),
    "credibility": get_args(Credibility),
    "date_source": get_args(DateSource),
}
