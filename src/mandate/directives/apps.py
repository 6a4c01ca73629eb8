from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "mandate.directives"
    label = "directives"
    verbose_name = _("Guiding documents")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mandate.directives.catalogue import ensure_document_types

        post_migrate.connect(ensure_document_types, sender=self)
