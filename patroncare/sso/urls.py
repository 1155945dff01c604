from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("settings/", views.SignOnSettingsView.as_view(), name="settings"),
    path("settings/provider/", views.ProviderSaveView.as_view(), name="provider_save"),
    path("settings/mappings/", views.MappingAddView.as_view(), name="mapping_add"),
    path("settings/mappings/<int:pk>/remove/", views.MappingRemoveView.as_view(), name="mapping_remove"),
    path("<slug:slug>/start/", views.OidcStartView.as_view(), name="oidc_start"),
    path("<slug:slug>/callback/", views.OidcCallbackView.as_view(), name="oidc_callback"),
]
