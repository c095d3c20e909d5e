from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("bjud-in/", views.invitation_create_view, name="invitation-create"),
    path("inbjudan/<slug:token>/", views.invitation_accept_view, name="invitation-accept"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("forlang/", views.session_extend, name="session-extend"),
    path("losenord/", views.PasswordResetView.as_view(), name="password-reset"),
    path("losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "losenord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "losenord/klart/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
