"""The learning app's logged-in pages (config/urls.py includes this under /mal/)."""

from django.urls import path

from learning import views_goals

app_name = "learning"

urlpatterns = [
    path("", views_goals.goal_list, name="goal-list"),
    path("alla/", views_goals.goal_list_all, name="goal-list-all"),
    path("<int:goal_id>/ta-bort/", views_goals.goal_delete, name="goal-delete"),
]
