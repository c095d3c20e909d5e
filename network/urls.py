from django.urls import URLPattern, path

from network import views

app_name = "network"

urlpatterns: list[URLPattern] = [
    path("", views.directory, name="directory"),
    path("kontakt/", views.contact_mine, name="contact"),
    path("kontakt/<int:contact_id>/andra/", views.contact_edit, name="contact-edit"),
    path("kontakt/<int:contact_id>/aterkalla/", views.contact_withdraw, name="contact-withdraw"),
    path("kontakter/", views.contact_list, name="contact-list"),
    path("kommentarer/", views.comment_list, name="comment-list"),
    path(
        "kommentarer/<int:comment_id>/dra-tillbaka/",
        views.comment_withdraw,
        name="comment-withdraw",
    ),
    path("kommentarer/granska/", views.comment_review, name="comment-review"),
    path(
        "kommentarer/<int:comment_id>/granska/",
        views.comment_review_action,
        name="comment-review-action",
    ),
    path("lar-av/", views.learn_from, name="learn-from"),
]
