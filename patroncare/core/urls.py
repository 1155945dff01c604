from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("desk/", views.desk, name="desk"),
    path("health/", views.health, name="health"),
    path("i18n/setlang/", views.switch_language, name="set_language"),
]
