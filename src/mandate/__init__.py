"""Mandate: the work platform of a provincial communication and education department."""
