"""Localities, units, people, memberships and API tokens."""
