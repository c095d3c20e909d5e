from django.urls import URLPattern, path

from about import views

app_name = "about"

urlpatterns: list[URLPattern] = [
    path("", views.about, name="about"),
    path("tillganglighet/", views.statement, name="statement"),
    path("synpunkter/", views.feedback, name="feedback"),
    path("synpunkter/tack/", views.feedback_received, name="feedback-received"),
]
