"""The logged-in collection pages, under /rapportera/ (config/urls.py includes this).

Routes with a fixed first segment come before ``<round>/…``: the round slug would
otherwise swallow them. Organisation numbers in paths are ten digits (a hyphen is
accepted too), so they never collide with the fixed words below.
"""

from django.urls import path, register_converter

from surveys import views_respondent


class OrgNrConverter:
    regex = r"\d{6}-?\d{4}"

    def to_python(self, value: str) -> str:
        return value.replace("-", "")

    def to_url(self, value: str) -> str:
        return value


register_converter(OrgNrConverter, "orgnr")

app_name = "surveys"

urlpatterns = [
    # --- The follow-up office's dashboard (surveys/views_office.py) -----------------------
    # Office routes go here, above the respondent's: give them a fixed first segment
    # (for example "uppfoljningsenheten/…") so that no round slug can shadow them.
    # --- End of the office's routes --------------------------------------------------------
    # --- The respondent's pages (surveys/views_respondent.py) -----------------------------
    path("", views_respondent.report_list, name="report-list"),
    path(
        "<slug:round_slug>/mall.xlsx",
        views_respondent.report_template,
        name="report-template",
    ),
    path(
        "<slug:round_slug>/ladda-upp/",
        views_respondent.report_upload,
        name="report-upload",
    ),
    path(
        "<slug:round_slug>/ladda-upp/bekrafta/",
        views_respondent.report_upload_confirm,
        name="report-upload-confirm",
    ),
    path(
        "<slug:round_slug>/<orgnr:org_nr>/",
        views_respondent.report_form,
        name="report-form",
    ),
]
