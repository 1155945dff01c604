from django.urls import path

from .views import public

app_name = "notices"

urlpatterns = [path("", public.NoticesView.as_view(), name="list")]
