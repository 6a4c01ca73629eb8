"""Shared base: layout templates, the scoping queryset, text folding, navigation."""
