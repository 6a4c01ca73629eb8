"""Holidays and political anniversaries: the communication calendar."""
