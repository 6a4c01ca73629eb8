"""People: training records, requirements and gaps, and the library of good models."""
