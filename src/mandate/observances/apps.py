from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservancesConfig(AppConfig):
    name = "mandate.observances"
    label = "observances"
    verbose_name = _("Communication calendar")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mandate.observances.catalogue import ensure_observances, ensure_templates

        # In this order: a template names the observance it is suggested for.
        post_migrate.connect(ensure_observances, sender=self)
        post_migrate.connect(ensure_templates, sender=self)
