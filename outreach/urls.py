from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<str:code>/", views.join, name="join"),
    path("organisation/", views.my_organisation, name="my_organisation"),
    path("organisation/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisation/<int:pk>/roster.csv", views.roster_csv, name="roster"),
    path("organisation/<int:pk>/certificates.zip", views.certificates_zip, name="certificates"),
]
