"""The office's programme follow-up, under /program/ (config/urls.py includes this).
Every view is office-only: programmes may be internal, so nothing here is public."""

from django.urls import path

from learning import views_programmes

app_name = "programmes"

urlpatterns = [
    path("", views_programmes.programme_list, name="list"),
    path("ny/", views_programmes.programme_create_view, name="create"),
    path("<int:group_id>/", views_programmes.programme_detail, name="detail"),
    path(
        "<int:group_id>/lagg-till/",
        views_programmes.programme_member_add_view,
        name="member-add",
    ),
    path(
        "<int:group_id>/ta-bort/",
        views_programmes.programme_member_remove_view,
        name="member-remove",
    ),
]
