from django.urls import URLPattern, path

from reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("", views.report_list, name="index"),
    path("<slug:round_slug>/", views.yearly, name="yearly"),
    path("<slug:round_slug>/rapport.pdf", views.yearly_pdf, name="yearly-pdf"),
    path("<slug:round_slug>/myndigheter/<str:org_nr>/", views.card, name="card"),
    path("<slug:round_slug>/myndigheter/<str:org_nr>.pdf", views.card_pdf, name="card-pdf"),
]
