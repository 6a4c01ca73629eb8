"""Dashboards of a unit's period and, built on the same figures, the year-end review."""
