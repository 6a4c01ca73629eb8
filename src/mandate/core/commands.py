import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation


class LocalisedCommand(BaseCommand):
    """A command that speaks the operator's language: MANDATE_LANGUAGE, else Vietnamese."""

    leave_locale_alone = True

    def execute(self, *args, **options):
        language = os.environ.get("MANDATE_LANGUAGE") or settings.LANGUAGE_CODE
        with translation.override(language):
            return super().execute(*args, **options)
