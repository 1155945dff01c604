from django.urls import path

from . import views

app_name = "public_figures"

urlpatterns = [
    path("", views.PublicFiguresListView.as_view(), name="list"),
    path("<int:year>/", views.PublicFiguresView.as_view(), name="year"),
]
