"""Point events found in converted (simplified) text back into the original traditional text."""

from __future__ import annotations

from undeleted.models import Event
from undeleted.text.convert import Converted


def restore_original(event: Event, converted: Converted) -> Event:
    """The event with evidence offsets, place, hashtags and actor names taken from the original text."""
    evidence = []
    for item in event.evidence:
        start, end = converted.original_span(item.start, item.end)
        evidence.append(item.model_copy(update={"start": start, "end": end}))
    location = event.location
    if location.place:
        location = location.model_copy(update={"place": original_surface(location.place, converted)})
    hashtags = [
        tag.model_copy(update={"tag": original_surface(tag.tag, converted)}) for tag in event.hashtags
    ]
    actors = [
        actor.model_copy(update={"name": original_surface(actor.name, converted)}) for actor in event.actors
    ]
    return event.model_copy(
        update={
            "evidence": evidence,
            "location": location,
            "hashtags": hashtags,
            "actors": actors,
        }
    )


def original_surface(surface: str, converted: Converted) -> str:
    """How a piece of converted text is written in the original (itself when not found there)."""
    if not converted.changed:
        return surface
    start = converted.text.find(surface)
    if start < 0:
        return surface
    first, last = converted.original_span(start, start + len(surface))
    return converted.original[first:last]
