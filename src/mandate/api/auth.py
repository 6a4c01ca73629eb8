from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from mandate.org.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mdt_...` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """The browser session, so pages can call the API; CSRF is checked on writes."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
