"""A short plain-English summary built from an event's fields, for reports not written in English."""

from __future__ import annotations

from undeleted.models import Actor, Event, Location

SUBJECTS = {
    "residents": "residents",
    "workers": "workers",
    "students": "students",
    "homeowners": "homeowners",
    "retirees": "retirees",
    "farmers": "farmers",
    "patients": "patients",
    "netizens": "internet users",
    "individual": "a person",
    "police": "police",
    "community_workers": "community workers",
    "officials": "officials",
    "government": "the authorities",
    "company": "a company",
    "media": "journalists",
    "other": "people",
}
TACTIC_VERBS = {
    "gathering": "gathered",
    "chanting": "chanted slogans",
    "banners": "held up banners",
    "marching": "marched",
    "blocking": "blocked a road or gate",
    "breaking_barriers": "broke through barriers",
    "fleeing": "fled",
    "confrontation": "confronted",
    "petition": "petitioned",
    "negotiation": "demanded answers",
    "self_harm": "threatened self-harm",
    "property_damage": "damaged property",
}
RESPONSE_VERBS = {
    "arrest": "arrested",
    "detention": "detained",
    "violence": "beat",
    "health_code_penalty": "gave punitive health codes to",
    "intimidation": "intimidated",
    "police_deployment": "deployed against",
    "apology": "apologised",
    "investigation": "announced an investigation or punishments",
    "concession": "made concessions",
}
GRIEVANCES = {
    "wages": "over unpaid wages",
    "lockdown": "over the lockdown",
    "housing": "over unfinished housing",
    "medical_access": "over access to medical care",
    "fraud": "over frozen deposits",
    "education": "over schooling",
    "land": "over land",
    "environment": "over pollution",
    "supplies": "over supplies",
    "testing": "over testing",
    "livelihood": "over their livelihoods",
    "corruption": "over corruption",
    "police_conduct": "over police conduct",
    "censorship": "over censorship",
    "covid_policy": "over COVID rules",
}
STATE_SIDE = ("police", "community_workers", "officials", "government", "company")


def describe_event(event: Event) -> str:
    """'Workers in Zhengzhou, Henan gathered and chanted slogans over unpaid wages on 22 November 2022.'"""
    initiator = _subject(event.actors, "initiator", event.type)
    place = _place(event.location)
    clause = _clause(event, initiator)
    when = f" on {event.date_start.day} {event.date_start:%B %Y}" if event.date_start else ""
    text = f"{clause}{' in ' + place if place else ''}{when}."
    return text[0].upper() + text[1:]


def _clause(event: Event, initiator: str) -> str:
    kind = event.type
    grievance = next((phrase for name, phrase in GRIEVANCES.items() if name in event.grievances), "")
    grievance = f" {grievance}" if grievance else ""
    if kind in ("protest", "clash", "defiance", "strike", "petition"):
        verbs = [TACTIC_VERBS[t] for t in event.tactics if t in TACTIC_VERBS][:3]
        default = {
            "protest": "protested",
            "clash": "clashed with police or staff",
            "defiance": "defied restrictions",
            "strike": "went on strike",
            "petition": "petitioned officials",
        }[kind]
        if kind == "clash" and "confronted" in verbs:
            verbs = ["clashed with police or staff"] + [verb for verb in verbs if verb != "confronted"]
        if kind in ("strike", "petition", "defiance") or not verbs:
            verbs = [default] + [verb for verb in verbs if verb.split()[0] != default.split()[0]][:1]
        return f"{initiator} {_join(verbs)}{grievance}"
    if kind == "online_dissent":
        return f"{initiator} posted criticism online{grievance}"
    if kind == "restriction":
        return f"{_subject(event.actors, 'initiator', kind, 'the authorities')} imposed restrictions"
    if kind == "relaxation":
        return f"{_subject(event.actors, 'initiator', kind, 'the authorities')} eased restrictions"
    if kind == "repression":
        verbs = [
            RESPONSE_VERBS[r]
            for r in event.state_response
            if r in RESPONSE_VERBS and r not in ("apology", "investigation", "concession")
        ][:2]
        victims = _subject(event.actors, "victim", kind, "people")
        agent = _subject(event.actors, "initiator", kind, "the authorities")
        return f"{agent} {_join(verbs or ['cracked down on'])} {victims}"
    if kind == "censorship":
        return "posts, videos or topics were censored online"
    if kind == "official_response":
        verbs = [
            RESPONSE_VERBS[r] for r in event.state_response if r in ("apology", "investigation", "concession")
        ]
        agent = _subject(event.actors, "initiator", kind, "the authorities")
        return f"{agent} {_join(verbs or ['responded publicly'])}"
    if kind == "death":
        count = event.fatalities or 0
        return f"{count} people died" if count > 1 else "a person died"
    return f"{_subject(event.actors, 'victim', kind, 'people')} suffered hardship{grievance}"


def _subject(actors: list[Actor], role: str, kind: str, default: str = "people") -> str:
    for actor in actors:
        if actor.role == role or (
            role == "initiator"
            and actor.role == "responder"
            and kind in ("restriction", "relaxation", "repression", "official_response")
        ):
            if (
                role == "initiator"
                and kind in ("protest", "clash", "strike", "petition", "online_dissent")
                and actor.kind in STATE_SIDE
            ):
                continue
            return SUBJECTS.get(actor.kind, default)
    return default


def _place(location: Location) -> str:
    names = [name for name in (location.admin3, location.admin2, location.admin1) if name]
    names = list(dict.fromkeys(names))[:2]
    if names:
        return ", ".join(names)
    return "China" if location.country == "CN" else (location.country or "")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
