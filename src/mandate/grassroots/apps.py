from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "mandate.grassroots"
    label = "grassroots"
    verbose_name = _("Grassroots reports")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mandate.grassroots.catalogue import ensure_categories

        post_migrate.connect(ensure_categories, sender=self)
