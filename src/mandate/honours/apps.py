from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "mandate.honours"
    label = "honours"
    verbose_name = _("Emulation and commendation")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mandate.honours.catalogue import ensure_titles

        post_migrate.connect(ensure_titles, sender=self)
