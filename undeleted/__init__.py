"""undeleted: reports about China in, a lasting geocoded record of events out."""

__version__ = "0.1.0"
