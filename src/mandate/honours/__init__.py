"""Emulation and commendation (thi đua, khen thưởng): titles and their rules as data,
award rounds, nominations with evidence from the platform, checks, council and decisions."""
