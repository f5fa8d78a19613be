"""Find event mentions in sentences and group the mentions of one episode into one event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from undeleted.extract.actors import acting_body
from undeleted.extract.anchors import CLAUSE_BREAK, Anchor, compatible_places
from undeleted.extract.detector import Detector
from undeleted.extract.hashtags import WEIBO_TAG
from undeleted.extract.lexicon import Lexicon
from undeleted.text.sentences import Sentence

QUOTE_OPENERS = ('"', "“", "‘", "'", "「", "『")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A line ending so is told, not titled (a colon too: "现将有关情况说明如下：")
HEADING_END = re.compile(r"[.!?。！？；：:]\W*$")
HAN = re.compile(r"[\u4e00-\u9fff]")
DATE_SLACK = timedelta(days=1)
SITE_TYPES = ("protest", "clash", "defiance", "strike", "petition")
QUOTE_TAIL_WORDS = 10  # words after an opening quotation that make a reporting sentence
STRIKE_NEAR = 2  # sentences: a gathering this soon after a strike is the strikers at work
NEAR = 3  # sentences: a mention this close to an episode of its type may continue it
SEATED_TYPES = (
    "official_response",
    "restriction",
    "relaxation",
)  # acts placed at the acting body's seat (vocab.STATE_TYPES: the state acts)
LISTED_TYPES = ("restriction", "relaxation")
# The detector beside the rules. In a sentence a trigger matched, the rules' reading stands and the detector
# adds only a type it is sure of (CONFIDENT). Elsewhere it proposes every type at its threshold in a short
# report (a bulletin, a post: at most SHORT_REPORT sentences that may hold events) and, in a longer report,
# where the rules' episodes and blockers do well, only when surer (thresholds raised by LONG_REPORT_MARGIN).
# Chosen on dev, seeds, real-weibo, real-hk-en, heldout3/4 and the studied first-contact set.
SHORT_REPORT = 3
MIN_SAID = 6  # word characters outside hashtags that a sentence needs for the detector to read it
MIN_WORDS = 3  # and words: what a negation leaves of a sentence ("Police ….") tells nothing
WORD_CHARS = re.compile(r"\w")
LONG_REPORT_MARGIN = 0.2
CONFIDENT = 0.9
# The detector reads a short line as a post's complaint; in a longer report that is no post (no hashtags), a terse
# sentence ("Here is what we know.") is the writer's aside: online dissent there needs a word of the internet.
ONLINE = re.compile(
    r"\b(?:online|internet|post(?:ed|s|ing)?|weibo|wechat|douyin|twitter|facebook|youtube|tiktok|hashtags?|"
    r"social media|blog(?:s|ged)?|videos?|comments?|netizens|users)\b|网|微博|微信|抖音|帖|发文|转发|评论|视频|直播|"
    r"话题|热搜|朋友圈|公众号|留言|#",
    re.IGNORECASE,
)
# A sentence that opens so tells another case than the one before it: its acts are events of their own.
ANOTHER_CASE = re.compile(
    r"\W*(?:in|on) (?:a |an )?(?:separate|another|unrelated|different) (?:case|incident|trial|hearing)\b|\W*(?:另案|另一宗|另一起|另一案)",
    re.IGNORECASE,
)
# Ordinary crimes, and the charges that make a detention political, for `_crimes_answered`.
COMMON_CRIME = re.compile(
    r"故意杀人|故意伤害|杀人|持刀|砍人|砍伤|纵火|投毒|抢劫|强奸|交通肇事|危险驾驶|拐卖|绑架|伤医|行凶|凶手|命案"
    r"|\b(?:murder(?:ed|ing)?|stabb(?:ed|ing)|knife attack|arson|manslaughter|hit-and-run|(?:the|an?) "
    r"(?:attacker|assailant|gunman|knifeman|killer))\b",
    re.IGNORECASE,
)
POLITICAL_CHARGE = re.compile(
    r"寻衅滋事|颠覆|煽动|非法集会|未经批准集结|聚众扰乱|扰乱[^，。；]{0,4}秩序|诽谤|泄露|间谍|分裂|国家安全|国安|维权|上访|抗议|示威"
    r"|\b(?:subversion|subverting|incit(?:e|ed|ing|ement)|picking quarrels|(?:illegal|unlawful) assembly|national security"
    r"|riot(?:ing)?|sedition|separatism|protest(?:ers?|s|ed|ing)?|petitioners?|activists?|dissidents?)\b",
    re.IGNORECASE,
)
# A bracketed headline opens an outlet's or an official account's item, not a complaint.
MEDIA_ITEM = ("【", "[")
TERSE_WORDS = 9  # words in a sentence too short to tell an act on its own
POINT_TYPES = (
    "death",
    "clash",
    "official_response",
    "repression",
    "protest",
)  # two days named apart: two events


@dataclass(frozen=True)
class Mention:
    """A trigger of one event type in one sentence."""

    sentence: int
    type: str
    start: int
    end: int
    learned: bool = False  # proposed by the detector, not by a trigger rule
    body: str | None = None  # the state body told acting (police, government), for a body's response
    apart: bool = False  # told as another case ("In a separate case, …", "另案"): its own event


@dataclass
class Episode:
    """Mentions of one type taken to describe one event: its sentences and its anchor."""

    type: str
    sentences: list[int]
    anchor: Anchor
    triggers: list[Mention] = field(default_factory=list)
    listed: bool = False  # one of the places a measure was told of ("Beijing and Shanghai dropped…")
    body: str | None = None  # the body that responds: police and a government answer in two events
    apart: bool = False  # opened by a sentence that tells another case


def word_count(text: str) -> int:
    """Words of a text, about three Han characters a word."""
    return len(text.split()) + len(HAN.findall(text)) // 3


def is_heading(sentence: Sentence) -> bool:
    """A short line without closing punctuation: a title, a section or a bulletin entry."""
    return not HEADING_END.search(sentence.text) and word_count(sentence.text) <= 14


def mark_headings(sentences: list[Sentence]) -> list[bool]:
    """Which sentences head a body told below them. A report made only of short lines (a strike-map
    record, a one-line bulletin, a post) has no body: its lines are the report, not headings."""
    headings = [
        is_heading(sentence) and not _tail(sentences, index) for index, sentence in enumerate(sentences)
    ]
    has_body = any(not heading and not sentence.boilerplate for sentence, heading in zip(sentences, headings))
    return headings if has_body else [False] * len(sentences)


def _tail(sentences: list[Sentence], index: int) -> bool:
    """Whether a sentence goes on from a sentence of its line ("…；数名工人被带走，据网传视频", a line cut off
    before its full stop), not from an entry number ("1.")."""
    before = sentences[index - 1] if index else None
    return (
        before is not None and before.paragraph == sentences[index].paragraph and word_count(before.text) > 3
    )


def eventful(
    sentence: Sentence,
    lexicon: Lexicon,
    title: str | None,
    central: bool = False,
    heading: bool | None = None,
) -> bool:
    """Whether a sentence may report an event at all (not furniture, quote, heading or summary);
    `central`: a central body's nationwide act is no summary of events elsewhere; `heading`: whether the
    sentence heads a body (`mark_headings`), judged on the sentence alone when not given."""
    text = sentence.text.strip()
    if sentence.boilerplate or (is_heading(sentence) if heading is None else heading):
        return False
    if text.startswith(QUOTE_OPENERS) and not _reports_after_quote(text):
        return False
    if title and text.rstrip(".") == title.strip().rstrip("."):
        return False
    return not any(
        rule.pattern.search(text) for rule in lexicon["blockers"] if not (central and rule.label == "summary")
    )


def central_act(text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence names a central body acting (the State Council, 国家卫健委, "Beijing announced …
    nationwide")."""
    return any(rule.pattern.search(text) for rule in lexicon["national"])


def _reports_after_quote(text: str) -> bool:
    """A sentence that opens with a closed quotation and goes on to report at length ("…," a resident
    wrote in a post that was shared thousands of times): the part after the quotation may hold events."""
    quote = QUOTED.match(text)
    return quote is not None and len(text[quote.end() :].split()) >= QUOTE_TAIL_WORDS


def detect_mentions(
    sentences: list[Sentence],
    lexicon: Lexicon,
    title: str | None = None,
    headings: list[bool] | None = None,
    detector: Detector | None = None,
) -> list[Mention]:
    """Typed triggers per sentence; a weak trigger counts only when no other type is strong there. With a
    detector, a sentence the rules let through also gets a mention (spanning the sentence) of each type
    the detector finds there that no trigger gave."""
    headings = headings if headings is not None else mark_headings(sentences)
    found: dict[int, list[Mention]] = {}
    readable: dict[int, str] = {}  # the sentences that may report events, as the detector reads them
    centrals: set[int] = set()
    open_quote, paragraph = False, -1
    for index, sentence in enumerate(sentences):
        quoted = open_quote and sentence.paragraph == paragraph  # inside a quotation split into sentences
        paragraph = sentence.paragraph
        open_quote = _still_open(sentence.text, quoted)
        if quoted:
            continue
        central = False
        heading = headings[index]
        if not eventful(sentence, lexicon, title, heading=heading):
            central = central_act(sentence.text, lexicon) and eventful(
                sentence, lexicon, title, True, heading
            )
            if not central:
                continue
            centrals.add(index)
        quotes = [(quote.start(), quote.end()) for quote in QUOTED.finditer(sentence.text)]
        masked = lexicon.masked(sentence.text)  # attributions and purposes blanked
        if (
            masked != sentence.text
        ):  # a post that asks or denies what its hashtag names (#半山解封# …有没有解封的小区)
            quotes += [(tag.start(), tag.end()) for tag in WEIBO_TAG.finditer(sentence.text)]
        found[index] = _rule_mentions(index, sentence, masked, quotes, lexicon, central)
        readable[index] = _for_detector(masked)
    readable = {index: text for index, text in readable.items() if text}
    if detector is not None and readable:
        short = len(readable) <= SHORT_REPORT  # a bulletin or a post: the detector reads it alone
        item = bool(sentences) and sentences[0].text.startswith(MEDIA_ITEM)  # an outlet's or an office's item
        post = not item and any(WEIBO_TAG.search(sentence.text) for sentence in sentences)  # a complaint
        order = sorted(readable)
        margin = 0.0 if short else LONG_REPORT_MARGIN
        for index, types in zip(
            order, detector.detect([readable[index] for index in order], margin, clauses=short)
        ):
            sentence, have = sentences[index], {mention.type for mention in found[index]}
            for event_type, probability in types.items():
                if event_type in have or (index in centrals and event_type not in SEATED_TYPES):
                    continue
                if have and probability < CONFIDENT:
                    continue  # the rules' reading of a sentence they matched stands, unless the detector is sure
                if event_type == "online_dissent" and _no_post(sentence.text, item, short or post):
                    continue
                found[index].append(Mention(index, event_type, sentence.start, sentence.end, learned=True))
    mentions = _crimes_answered([mention for index in sorted(found) for mention in found[index]], sentences)
    return [
        _with_case_and_body(mention, sentences, lexicon) for mention in _told_in_body(mentions, sentences)
    ]


def _crimes_answered(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """Police holding, or a court sentencing, the author of an ordinary crime (a knife attack, a murder, arson)
    answer that crime: an official response, not repression (no political or protest charge is named)."""
    return [
        replace(mention, type="official_response")
        if mention.type == "repression"
        and COMMON_CRIME.search(sentences[mention.sentence].text)
        and not POLITICAL_CHARGE.search(sentences[mention.sentence].text)
        else mention
        for mention in mentions
    ]


def _told_in_body(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A hashtag's act (#昆明外卖骑手送餐途中身亡#) stands for the post's event only when no sentence tells an
    event of its type outside hashtags: then that sentence is the event's own telling."""

    def tagged(mention: Mention) -> bool:
        sentence = sentences[mention.sentence]
        start, end = mention.start - sentence.start, mention.end - sentence.start
        return any(tag.start() <= start and end <= tag.end() for tag in WEIBO_TAG.finditer(sentence.text))

    told = {mention.type for mention in mentions if not tagged(mention)}
    return [mention for mention in mentions if mention.type not in told or not tagged(mention)]


def _with_case_and_body(mention: Mention, sentences: list[Sentence], lexicon: Lexicon) -> Mention:
    """A mention told as another case ("In a separate case, …"); a response with the body named before its
    trigger (the whole sentence for the detector's)."""
    sentence = sentences[mention.sentence]
    mention = replace(mention, apart=ANOTHER_CASE.match(sentence.text) is not None)
    if mention.type != "official_response":
        return mention
    return replace(mention, body=acting_body(sentence.text[: mention.end - sentence.start], lexicon))


def _no_post(text: str, item: bool, post_like: bool) -> bool:
    """Whether a sentence the detector reads as online dissent tells of no post: it does not speak of posting,
    and it is an outlet's item, or a terse aside in a longer report that is no post."""
    if ONLINE.search(text):
        return False
    return item or (not post_like and word_count(text) < TERSE_WORDS)


def _for_detector(masked: str) -> str:
    """What the detector reads of a sentence: no quotations (someone's words, not the report's), and nothing
    when little is said outside its hashtags (a topic is no act: "丹东的视频 #丹东疫情#" reports nothing) or
    outside what the masks blanked ("Police did not say whether anyone was detained" leaves "Police")."""
    text = QUOTED.sub(lambda quote: " " * len(quote.group()), masked)
    untagged = WEIBO_TAG.sub(" ", text)
    return text if len(WORD_CHARS.findall(untagged)) >= MIN_SAID and word_count(untagged) >= MIN_WORDS else ""


def _rule_mentions(
    index: int,
    sentence: Sentence,
    readable: str,
    quotes: list[tuple[int, int]],
    lexicon: Lexicon,
    central: bool,
) -> list[Mention]:
    strong: dict[tuple[str, int], Mention] = {}  # by type and clause: "…said on Monday; on Thursday … said"
    weak: dict[str, Mention] = {}
    for rule in lexicon["triggers"]:
        if central and rule.label not in SEATED_TYPES:
            continue
        for match in rule.pattern.finditer(readable):
            if any(start <= match.start() < end for start, end in quotes):
                continue
            mention = Mention(index, rule.label, sentence.start + match.start(), sentence.start + match.end())
            if "weak" in rule.labels[1:]:
                weak.setdefault(rule.label, mention)
                break
            strong.setdefault((rule.label, len(CLAUSE_BREAK.findall(readable, 0, match.start()))), mention)
    types = {event_type for event_type, _ in strong}
    for event_type, mention in weak.items():
        if not types or types == {event_type}:
            strong.setdefault((event_type, -1), mention)
    return sorted(strong.values(), key=lambda mention: mention.start)


def fold_strike_gatherings(
    mentions: list[Mention],
    sentences: list[Sentence],
    anchors: list[Anchor],
    lexicon: Lexicon,
) -> list[Mention]:
    """Strikers gathering at their workplace (or striking "to protest") are the strike: a protest
    mention told with or just after a strike of the same place and day is dropped, unless the crowd
    goes to a government office (a march of its own)."""
    strikes = [mention for mention in mentions if mention.type == "strike"]
    kept: list[Mention] = []
    for mention in mentions:
        if mention.type == "protest" and any(
            _strike_gathering(strike, mention, sentences, anchors, lexicon) for strike in strikes
        ):
            continue
        kept.append(mention)
    return kept


def _strike_gathering(
    strike: Mention,
    protest: Mention,
    sentences: list[Sentence],
    anchors: list[Anchor],
    lexicon: Lexicon,
) -> bool:
    if not 0 <= protest.sentence - strike.sentence <= STRIKE_NEAR or protest.start < strike.start:
        return False
    sentence = sentences[protest.sentence]
    said = sentence.text[protest.start - sentence.start : protest.end - sentence.start]
    if not any(rule.pattern.search(said) for rule in lexicon["strikers"] if rule.label == "gathering"):
        return False
    if any(
        rule.pattern.search(sentence.text)
        for rule in lexicon["strikers"]
        if rule.label in ("government", "march")
    ):
        return False
    after = sentence.text[protest.end - sentence.start :]
    if said != "to protest" and protest.sentence == strike.sentence:
        return False  # a gathering told in the strike's own sentence may be a protest of its own (held-out)
    if said != "to protest" and not any(
        rule.pattern.search(after) for rule in lexicon["strikers"] if rule.label == "workplace"
    ):
        return False
    first = anchors[strike.sentence].at(strike.start, strike.end)
    second = anchors[protest.sentence].at(protest.start, protest.end)
    if (
        second.date_explicit
        and first.date is not None
        and (second.date is None or not _overlap(first.date, second.date))
    ):
        return False
    return compatible_places(first, second)


def _overlap(first: object, second: object) -> bool:
    return bool(first.start <= second.end and second.start <= first.end)  # type: ignore[attr-defined]


def _still_open(text: str, open_before: bool) -> bool:
    """Whether a curly quotation is still open at the end of a sentence."""
    state = open_before
    for char in text:
        if char == "“":
            state = True
        elif char == "”":
            state = False
    return state


def group_episodes(mentions: list[Mention], anchors: list[Anchor]) -> list[Episode]:
    """One episode per type, place and time: near mentions that do not contradict it join it."""
    episodes: list[Episode] = []
    for mention in mentions:
        own = anchors[mention.sentence].at(mention.start, mention.end)
        own = own.of_state() if mention.type in SEATED_TYPES else own.of_act()  # a statement's day, an act's
        listed = _place_anchors(mention, own)
        for anchor in listed or _site_anchors(mention, own):
            episode = _joinable(episodes, mention, anchor)
            if listed and episode is not None and episode.anchor.adcode is None:
                episode = None  # a listed city's measure is its own, not an unplaced act made precise
            if episode is None:
                episodes.append(
                    Episode(
                        mention.type,
                        [mention.sentence],
                        anchor,
                        [mention],
                        bool(listed),
                        mention.body,
                        mention.apart,
                    )
                )
                continue
            episode.body = episode.body or mention.body
            if mention.sentence not in episode.sentences:
                episode.sentences.append(mention.sentence)
            episode.triggers.append(mention)
            episode.anchor = episode.anchor.refined_by(anchor)
    return _merge_repeats(_absorb_lead(episodes, anchors))


def _absorb_lead(episodes: list[Episode], anchors: list[Anchor]) -> list[Episode]:
    """A lead's event is told again below: it joins the later episode of its type, else takes the
    place (and, when it has none of its own, the date) the story goes on to name."""
    kept: list[Episode] = []
    lead_dated = any(anchor.lead and anchor.date_explicit for anchor in anchors)
    for episode in episodes:
        if not all(anchors[index].lead for index in episode.sentences):
            kept.append(episode)
            continue
        later = next(
            (
                other
                for other in episodes
                if other.type == episode.type
                and other is not episode
                and not other.listed
                and not other.apart
                and not all(anchors[index].lead for index in other.sentences)
                and _told_again(episode.anchor, other.anchor, lead_dated)
            ),
            None,
        )
        if later is not None:
            later.sentences = sorted(set(later.sentences) | set(episode.sentences))
            later.triggers = episode.triggers + later.triggers
            continue
        last = max(episode.sentences)
        story = next(
            (anchor for anchor in anchors[last + 1 :] if not anchor.lead and anchor.place_explicit), None
        )
        if story is not None and episode.type in LISTED_TYPES and len(story.places) > 1:
            story = None  # places listed for a measure below are that measure's, not the lead's
        broad = (episode.anchor.adcode is None or episode.anchor.adcode.endswith("0000")) and not (
            episode.anchor.provincial_seat or episode.anchor.national_seat
        )
        if story is not None and broad and compatible_places(replace(episode.anchor, site=None), story):
            episode.anchor = episode.anchor.refined_by(
                replace(story, date_explicit=story.date_explicit and not lead_dated)
            )
        kept.append(episode)
    return kept


def _told_again(lead: Anchor, later: Anchor, lead_dated: bool) -> bool:
    """Whether a later anchor may describe the lead's event: nested places, and days that agree."""
    if not compatible_places(replace(lead, site=None), later):
        return False
    if lead.date is None or later.date is None or not lead_dated:
        return True
    return lead.date.start - DATE_SLACK <= later.date.end and later.date.start - DATE_SLACK <= lead.date.end


def _site_anchors(mention: Mention, anchor: Anchor) -> list[Anchor]:
    """People acting at several named sites act in as many events: one anchor per site."""
    if mention.type not in SITE_TYPES or len(anchor.sites) < 2:
        return [anchor]
    return [replace(anchor, site=site, sites=()) for site in anchor.sites]


def _place_anchors(mention: Mention, anchor: Anchor) -> list[Anchor]:
    """A measure told of several listed places ("Beijing and Shanghai dropped test checks") is taken
    in each of them: one anchor per place; none when the sentence lists no places."""
    if mention.type not in LISTED_TYPES or len(anchor.places) < 2:
        return []
    return [
        replace(anchor, division=division, adcode=adcode, place_explicit=True, seated=False, places=())
        for division, adcode in anchor.places
    ]


def _joinable(episodes: list[Episode], mention: Mention, anchor: Anchor) -> Episode | None:
    for episode in reversed(episodes):
        if episode.type != mention.type:
            continue
        if mention.sentence - episode.sentences[-1] > NEAR:
            return None
        if mention.apart and mention.sentence not in episode.sentences:
            return None  # "In a separate case on the same day, …": another event
        if _other_body(episode.anchor, anchor) or _other_speaker(episode.body, mention.body):
            return None
        if mention.type in POINT_TYPES and _two_days(episode.anchor, anchor):
            return None  # the same kind of act on two days named apart is two events
        return episode if _consistent(episode.anchor, anchor) else None
    return None


def _other_body(first: Anchor, second: Anchor) -> bool:
    """Two government acts by bodies of different seats, one of them provincial (a city apologises, the
    province sets up an inquiry): two events, though the places nest."""
    return (
        first.seated
        and second.seated
        and first.adcode != second.adcode
        and (first.provincial_seat or second.provincial_seat or first.national_seat or second.national_seat)
    )


def _other_speaker(first: str | None, second: str | None) -> bool:
    """Two responses by bodies named apart (police said…, the government said…): two events."""
    return first is not None and second is not None and first != second


def _consistent(first: Anchor, second: Anchor) -> bool:
    """Same place (or one unknown) and overlapping days (or one undated)."""
    if not compatible_places(first, second):
        return False
    if first.date is None or second.date is None or not second.date_explicit:
        return True
    return (
        first.date.start - DATE_SLACK <= second.date.end and second.date.start - DATE_SLACK <= first.date.end
    )


def _two_days(first: Anchor, second: Anchor) -> bool:
    """Two anchors dated explicitly to single, different days."""
    return (
        first.date_explicit
        and second.date_explicit
        and first.date.start == first.date.end
        and second.date.start == second.date.end
        and first.date.start != second.date.start
    )


def _merge_repeats(episodes: list[Episode]) -> list[Episode]:
    """A later mention of the same event (same type, site and day) joins the earlier episode."""
    merged: list[Episode] = []
    for episode in episodes:
        for earlier in merged:
            if (
                earlier.type == episode.type
                and _same_event(earlier.anchor, episode.anchor)
                and not _other_body(earlier.anchor, episode.anchor)
                and not _other_speaker(earlier.body, episode.body)
                and not episode.apart
            ):
                earlier.sentences = sorted(set(earlier.sentences) | set(episode.sentences))
                earlier.triggers.extend(episode.triggers)
                earlier.anchor = earlier.anchor.refined_by(episode.anchor)
                break
        else:
            merged.append(episode)
    return merged


def _same_event(first: Anchor, second: Anchor) -> bool:
    if not compatible_places(first, second) or (first.adcode is None) != (second.adcode is None):
        return False
    if first.date is None or second.date is None:
        return first.date is second.date
    return first.date.start <= second.date.end and second.date.start <= first.date.end
