from django.urls import path

from . import feeds, views

app_name = "outreach"

urlpatterns = [
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<str:code>/", views.join, name="join"),
    path("organisation/", views.my_organisation, name="my_organisation"),
    path("organisation/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisation/<int:pk>/certificates/<int:certificate_pk>/", views.certificate_pdf,
         name="certificate"),
    path("organisation/<int:pk>/roster.csv", views.roster_csv, name="roster"),
    path("organisation/<int:pk>/downloads/", views.certificates_download_new,
         name="certificates_download_new"),
    path("organisation/<int:pk>/downloads/<int:download_pk>/", views.certificates_download,
         name="certificates_download"),
    path("organisation/<int:pk>/downloads/<int:download_pk>/certificates.zip",
         views.certificates_download_file, name="certificates_download_file"),
    path("calendar/<str:token>.ics", feeds.calendar, name="calendar"),
    path("organisation/<int:pk>/outcomes/new/", views.organisation_outcome_new,
         name="organisation_outcome_new"),
    path("outcomes/", views.outcome_list, name="outcomes"),
    path("outcomes/new/", views.outcome_new, name="outcome_new"),
    path("outcomes/<int:pk>/delete/", views.outcome_delete, name="outcome_delete"),
]
