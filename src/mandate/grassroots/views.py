# TEMPORARY: replaced by the pages helper.
from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


overview = report_create = report_similar = my_reports = case_list = _todo
case_detail = case_note = case_action = report_photo = _todo
