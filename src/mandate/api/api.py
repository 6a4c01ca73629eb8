from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from mandate.api.auth import ActiveSessionAuth, TokenAuth
from mandate.org.api import router as org_router

api = NinjaAPI(
    title="Mandate API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), ActiveSessionAuth()],
    docs_url="/docs",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    # One answer for "missing" and "outside your units": DESIGN.md rule 1.
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": exc.messages}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


api.add_router("/org/", org_router)
