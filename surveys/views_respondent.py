"""The respondent's pages (being written)."""

from django.http import HttpRequest, HttpResponse


def report_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


report_template = report_upload = report_upload_confirm = report_form = report_list
