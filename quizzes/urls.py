from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<uuid:public_id>/", views.attempt, name="attempt"),
    path("attempts/<uuid:public_id>/save/", views.save, name="save"),
    path("attempts/<uuid:public_id>/result/", views.result, name="result"),
]
