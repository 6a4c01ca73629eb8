"""What other modules may follow in this one without it knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that files, moves or deletes reports, with
# `cells`: the (category_id, locality_id, observed_on) of every report touched, before
# and after. Early warning recounts exactly those cells.
reports_changed = Signal()
