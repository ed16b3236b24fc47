"""briefing: news articles in, a searchable offline site of briefs (actors, events, tensions) out."""

__version__ = "0.1.0"
