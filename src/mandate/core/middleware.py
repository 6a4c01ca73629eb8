from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class UserLanguageMiddleware:
    """Vietnamese unless the person chose otherwise.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    the department works in Vietnamese whatever language a browser was installed
    in. A signed-in person's saved preference wins; before sign-in, the language
    cookie set by the switcher.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    def language_for(self, request) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language in self.supported:
            return user.preferred_language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        return cookie if cookie in self.supported else settings.LANGUAGE_CODE
