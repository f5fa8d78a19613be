"""The HTTP API: one router per resource under /api (and the Atom feeds), mounted by `undeleted.app`."""
