from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "mandate.people"
    label = "people"
    verbose_name = _("Training and good models")
