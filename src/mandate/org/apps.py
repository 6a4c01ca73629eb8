from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "mandate.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        # Django records each sign-in with user.save(), which would add a row to the
        # person's history every time; an UPDATE keeps the history to real changes.
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(record_last_login, dispatch_uid="mandate_last_login")


def record_last_login(sender, user, **kwargs) -> None:
    from django.utils import timezone

    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
