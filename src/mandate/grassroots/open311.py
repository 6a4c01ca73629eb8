# TEMPORARY: replaced by the Open311 helper.
from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


services = service_definition = requests = request_detail = _todo
