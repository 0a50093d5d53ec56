from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    # /certificates/verify/<code>/ is a fixed address: it is printed in every certificate's QR code.
    path("certificates/verify/", views.verify_form, name="verify_form"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/<int:pk>/download/", views.download, name="download"),
    path("my-training/", views.my_training, name="my_training"),
]
