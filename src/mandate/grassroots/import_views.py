# TEMPORARY: replaced by the import helper.
from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


import_reports = import_template = _todo
