"""Cross-report linking: which extracted events (mentions) report the same event. Pure, no I/O."""

from undeleted.link.cluster import Cluster, cluster_mentions
from undeleted.link.features import Mention, mention_from_event
from undeleted.link.merge import MentionRecord, merge_mentions
from undeleted.link.score import LinkOptions, pair_score

__all__ = [
    "Cluster",
    "LinkOptions",
    "Mention",
    "MentionRecord",
    "cluster_mentions",
    "mention_from_event",
    "merge_mentions",
    "pair_score",
]
