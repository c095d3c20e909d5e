"""Practices ("Så gjorde vi"), included under /sa-gjorde-vi/ (config/urls.py)."""

from django.urls import URLPattern, path

from practices import views

app_name = "practices"

urlpatterns: list[URLPattern] = [
    path("", views.practice_list, name="list"),
    path("<int:practice_id>/", views.practice_detail, name="detail"),
    path("mina/", views.practice_mine, name="mine"),
    path("ny/<str:org_nr>/", views.practice_create, name="create"),
    path("mina/<int:practice_id>/andra/", views.practice_edit, name="edit"),
    path("mina/<int:practice_id>/skicka/", views.practice_submit, name="submit"),
    path("mina/<int:practice_id>/dra-tillbaka/", views.practice_withdraw, name="withdraw"),
    path("granska/", views.review_list, name="review-list"),
    path("granska/<int:practice_id>/", views.review, name="review"),
]
