"""The story's time: the year a report's months and days belong to, carried through its paragraphs.

A retrospective published in 2020 that says "In 2015 the county approved the quarry. In May, villagers
blocked the road" speaks of May 2015, not May 2019. A year the text gives (a full date, "in 2016",
"2016年", "last year") becomes the story's year for the rest of its paragraph; given in a paragraph's
opening sentence or in a heading it holds for the paragraphs after it too (unless the report tells of
its own days, its first date near the publication date), until another year is given or the narrative
comes back to the days of the report ("on Tuesday", "yesterday"). The start of a span
("since 2015", "2015年以来") sets no year: background does not move the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from undeleted.dates.spans import DateMention

PRESENT = timedelta(days=31)  # a date this close to the publication date brings the story back to it


@dataclass(frozen=True)
class StoryYear:
    """The year the story is told of where the text gives one; `lasting`: it holds past its paragraph."""

    year: int | None = None
    paragraph: int = -1
    lasting: bool = False

    def end(self, published: date | None, paragraph: int, current: bool = False) -> date | None:
        """The last day a month or day without a year may fall on, when the story's year is earlier than
        the publication's (None: read such dates against the publication date as usual). `current`: the
        story told is of the days of the report (its first date is near the publication date), so a year
        given in a background paragraph ("In 2019, …") holds for that paragraph only."""
        if self.year is None or (paragraph != self.paragraph and (not self.lasting or current)):
            return None
        if published is not None and self.year >= published.year:
            return None
        return date(self.year, 12, 31)

    def after(
        self, mentions: list[DateMention], paragraph: int, opening: bool, published: date | None
    ) -> StoryYear:
        """The story's year after a sentence of `paragraph` with these date mentions; `opening`: the
        sentence opens its paragraph or is a heading."""
        given = [mention.year for mention in mentions if mention.year is not None]
        if given:
            return StoryYear(given[-1], paragraph, opening)
        if (
            published is not None
            and self.year is not None
            and paragraph != self.paragraph
            and any(
                mention.relative
                and abs(mention.span.end - published) <= PRESENT
                and mention.span.precision == "day"
                for mention in mentions
            )
        ):
            return StoryYear()
        return self
