from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer, SessionAuth

from mandate.org.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mdt_...` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
            # The language middleware ran before the token was read: answer in the
            # token owner's language, as a signed-in page would.
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return user


class ActiveSessionAuth(SessionAuth):
    """The browser session, so pages can call the API; CSRF is checked on writes."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
