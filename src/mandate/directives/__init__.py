"""Guiding documents, their numbering and their scheduled reviews."""
