"""Read reports from files into Documents; unreadable input becomes BadInput, never an exception."""

from undeleted.ingest.files import READERS, iter_paths, read_all, read_sourced

__all__ = ["READERS", "iter_paths", "read_all", "read_sourced"]
