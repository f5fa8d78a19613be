"""Score predicted events against gold events, as SCHEMA.md's "Scoring" section says.

A predicted event matches a gold event when the type is equal, the prefecture agrees
(first 4 digits of adcode, or admin2 by name; where the gold event is only
province-precise, admin1 must agree) and the date spans overlap after widening each
side by 2 days (a gold event without a date matches on type and place alone).
Matching is one-to-one, best pair first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from undeleted.models import Event, Location, Record

DATE_SLACK = timedelta(days=2)
ATTRIBUTE_LISTS = ("tactics", "grievances", "state_response")


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Scores:
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)
    attributes: dict[str, list[float]] = field(default_factory=dict)
    places: dict[str, list[float]] = field(default_factory=lambda: {"prefecture": [], "exact": []})
    documents: int = 0
    missing_predictions: int = 0

    def attribute_values(self) -> dict[str, float | None]:
        """Each attribute's mean agreement over matched pairs (None: no pair had it)."""
        return _means(self.attributes)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "documents_without_prediction": self.missing_predictions,
            "overall": self.overall.as_dict(),
            "by_type": {name: tally.as_dict() for name, tally in sorted(self.by_type.items())},
            "by_language": {name: tally.as_dict() for name, tally in sorted(self.by_language.items())},
            "attributes": _means(self.attributes),
            "places": _means(self.places),
        }


def score(gold: list[Record], predicted: list[Record]) -> Scores:
    """Score every gold document against the prediction with the same doc_id."""
    by_doc = {record.doc.doc_id: record for record in predicted}
    scores = Scores(
        attributes={name: [] for name in ("date_start_exact", "location_exact", *ATTRIBUTE_LISTS)}
    )
    for record in gold:
        scores.documents += 1
        prediction = by_doc.get(record.doc.doc_id)
        if prediction is None:
            scores.missing_predictions += 1
        events = prediction.events if prediction else []
        tallies = [scores.overall, scores.by_language.setdefault(record.doc.language, Tally())]
        for event in record.events:
            for tally in (*tallies, scores.by_type.setdefault(event.type, Tally())):
                tally.gold += 1
        for event in events:
            for tally in (*tallies, scores.by_type.setdefault(event.type, Tally())):
                tally.predicted += 1
        for gold_event, predicted_event in match_events(record.events, events):
            for tally in (*tallies, scores.by_type[gold_event.type]):
                tally.matched += 1
            _add_attributes(scores.attributes, gold_event, predicted_event)
        _add_places(scores.places, record.events, events)
    return scores


def match_events(gold: list[Event], predicted: list[Event]) -> list[tuple[Event, Event]]:
    """One-to-one matching: every compatible pair is ranked and the best pairs are taken first."""
    candidates = []
    for g, gold_event in enumerate(gold):
        for p, predicted_event in enumerate(predicted):
            if events_match(gold_event, predicted_event):
                candidates.append((_closeness(gold_event, predicted_event), g, p))
    candidates.sort(key=lambda candidate: (-candidate[0], candidate[1], candidate[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((gold[g], predicted[p]))
    return pairs


def match_by_type_and_date(gold: list[Event], predicted: list[Event]) -> dict[int, Event]:
    """Gold index → predicted event, one-to-one on type and date alone (to judge places separately).
    Every compatible pair is ranked and the best pairs are taken first: placed gold events first, then
    pairs whose start days are closest, then those whose place agrees, then those with the same adcode."""
    ranked = []
    for g, gold_event in enumerate(gold):
        for p, event in enumerate(predicted):
            if event.type == gold_event.type and dates_agree(gold_event, event):
                rank = (
                    gold_event.location.adcode is None,
                    _day_gap(gold_event, event),
                    not places_agree(gold_event.location, event.location),
                    gold_event.location.adcode != event.location.adcode,
                    g,
                    p,
                )
                ranked.append(rank)
    ranked.sort()
    pairs: dict[int, Event] = {}
    taken: set[int] = set()
    for *_, g, p in ranked:
        if g not in pairs and p not in taken:
            pairs[g] = predicted[p]
            taken.add(p)
    return pairs


def _day_gap(gold: Event, predicted: Event) -> int:
    if gold.date_start is None or predicted.date_start is None:
        return 0
    return abs((gold.date_start - predicted.date_start).days)


def events_match(gold: Event, predicted: Event) -> bool:
    return (
        gold.type == predicted.type
        and places_agree(gold.location, predicted.location)
        and dates_agree(gold, predicted)
    )


def places_agree(gold: Location, predicted: Location) -> bool:
    """Prefecture agreement, or province agreement where the gold event is only province-precise."""
    if gold.geo_precision == "country" or (not gold.adcode and not gold.admin1 and not gold.admin2):
        return gold.country is None or gold.country == predicted.country
    if gold.geo_precision == "admin1" or (not gold.admin2 and not _is_prefecture_code(gold.adcode)):
        if gold.adcode and predicted.adcode:
            return gold.adcode[:2] == predicted.adcode[:2]
        return _same_name(gold.admin1, predicted.admin1)
    if gold.adcode and predicted.adcode:
        return gold.adcode[:4] == predicted.adcode[:4]
    return _same_name(gold.admin2, predicted.admin2)


def dates_agree(gold: Event, predicted: Event) -> bool:
    gold_start, gold_end = _span(gold)
    if gold_start is None or gold_end is None:
        return True
    predicted_start, predicted_end = _span(predicted)
    if predicted_start is None or predicted_end is None:
        return False
    return (
        predicted_start - DATE_SLACK <= gold_end + DATE_SLACK
        and gold_start - DATE_SLACK <= predicted_end + DATE_SLACK
    )


def jaccard(gold: list[str], predicted: list[str]) -> float:
    a, b = set(gold), set(predicted)
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _span(event: Event) -> tuple[date | None, date | None]:
    start = event.date_start or event.date_end
    end = event.date_end or event.date_start
    return start, end


def _is_prefecture_code(adcode: str | None) -> bool:
    return bool(adcode) and not str(adcode).endswith("0000")


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and str(a).casefold() == str(b).casefold()


def _closeness(gold: Event, predicted: Event) -> float:
    """How well a compatible pair agrees, so that the best pairs are matched first."""
    value = 0.0
    if gold.date_start and predicted.date_start:
        value += 1.0 / (1 + abs((gold.date_start - predicted.date_start).days))
    if gold.location.adcode and gold.location.adcode == predicted.location.adcode:
        value += 1.0
    if gold.location.place and gold.location.place == predicted.location.place:
        value += 0.5
    return value + sum(jaccard(getattr(gold, name), getattr(predicted, name)) for name in ATTRIBUTE_LISTS) / 3


def _add_attributes(attributes: dict[str, list[float]], gold: Event, predicted: Event) -> None:
    if gold.date_start is not None:
        attributes["date_start_exact"].append(float(gold.date_start == predicted.date_start))
    if gold.location.adcode:
        attributes["location_exact"].append(float(gold.location.adcode == predicted.location.adcode))
    for name in ATTRIBUTE_LISTS:
        attributes[name].append(jaccard(getattr(gold, name), getattr(predicted, name)))


def _add_places(places: dict[str, list[float]], gold: list[Event], predicted: list[Event]) -> None:
    """Place accuracy of gold events with an adcode that were found by type and date: the prefecture
    (first 4 digits, 2 for province-precise gold) and the exact most precise adcode."""
    for g, predicted_event in match_by_type_and_date(gold, predicted).items():
        gold_event = gold[g]
        if not gold_event.location.adcode:
            continue
        predicted_code = predicted_event.location.adcode or ""
        digits = 2 if gold_event.location.geo_precision == "admin1" else 4
        places["prefecture"].append(float(predicted_code[:digits] == gold_event.location.adcode[:digits]))
        places["exact"].append(float(predicted_code == gold_event.location.adcode))


def _means(values: dict[str, list[float]]) -> dict[str, float | None]:
    return {name: round(sum(v) / len(v), 4) if v else None for name, v in values.items()}
