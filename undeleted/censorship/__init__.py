"""Censorship signals: comment geography (regional containment) and hashtag snapshot diffs."""
