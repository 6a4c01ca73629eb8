"""The page that takes in a file of grassroots reports, and its Excel template."""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from mandate.core.forms import StyledForm
from mandate.core.imports import ImportRefused
from mandate.grassroots import imports
from mandate.grassroots.intake import reportable_localities

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A refused file lists every problem; the page shows this many, the command all of them.
ERRORS_SHOWN = 1000


class ReportFileForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("File of reports (.xlsx or .csv)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = imports.MAX_IMPORT_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _(
            "An .xlsx or UTF-8 .csv file of at most %(limit)s MB and %(rows)s rows."
        ) % {"limit": limit, "rows": f"{imports.MAX_ROWS:,}".replace(",", ".")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in imports.SUFFIXES:
            raise ValidationError(
                _("Only .xlsx and .csv files can be imported: save the sheet as one and try again.")
            )
        if upload.size > imports.MAX_IMPORT_BYTES:
            raise ValidationError(
                _("“%(name)s” is larger than %(limit)s MB.")
                % {"name": upload.name, "limit": imports.MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload


def _may_import(user) -> bool:
    """Leaders, officers and reporters of a unit tied to a commune (or above), and admins."""
    return bool(reportable_localities(user))


@login_required
@require_http_methods(["GET", "POST"])
def import_reports(request):
    may_import = _may_import(request.user)
    form = ReportFileForm(request.POST or None, request.FILES or None)
    refused = None
    if may_import and request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = imports.import_reports(upload, filename=upload.name, by=request.user)
        except ImportRefused as error:
            refused = error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = ngettext(
                "%(count)s report was imported.", "%(count)s reports were imported.", count
            )
            messages.success(request, message % {"count": count})
            return redirect("grassroots:report-import")
    context = {
        "may_import": may_import,
        "form": form,
        "refused": refused,
        "errors": refused.errors[:ERRORS_SHOWN] if refused else [],
        "hidden_errors": max(0, len(refused.errors) - ERRORS_SHOWN) if refused else 0,
        "max_rows": imports.MAX_ROWS,
    }
    return render(request, "grassroots/import.html", context)


@login_required
@require_GET
def import_template(request):
    if not _may_import(request.user):
        return redirect("grassroots:report-import")  # which says why
    response = HttpResponse(imports.report_template(user=request.user), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-phan-anh.xlsx"'
    return response
