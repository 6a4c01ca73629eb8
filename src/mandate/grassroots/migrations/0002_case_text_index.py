"""Case search through a text index: FTS5 on SQLite, trigram GIN on PostgreSQL.

No change to the models' state; the SQLite index is filled from the existing rows.
"""

from django.db import migrations

from mandate.core.search import add_text_index


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0001_initial")]

    operations = [add_text_index("grassroots_case")]
