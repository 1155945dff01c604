from django.urls import path

from . import views

app_name = "libraries"

urlpatterns = [
    path("", views.SystemSettingsView.as_view(), name="system"),
    path("defaults/", views.SystemDefaultsView.as_view(), name="system_defaults"),
    path("branches/", views.BranchListView.as_view(), name="branch_list"),
    path("branches/new/", views.BranchFormView.as_view(), name="branch_create"),
    path("branches/<int:pk>/", views.BranchDetailView.as_view(), name="branch_detail"),
    path("branches/<int:pk>/edit/", views.BranchFormView.as_view(), name="branch_edit"),
    path("branches/<int:pk>/locations/", views.LocationCreateView.as_view(), name="location_create"),
    path(
        "branches/<int:pk>/locations/<int:location_pk>/",
        views.LocationEditView.as_view(),
        name="location_edit",
    ),
    path("branches/<int:pk>/closures/", views.ClosureCreateView.as_view(), name="closure_create"),
    path(
        "branches/<int:pk>/closures/<int:closure_pk>/delete/",
        views.ClosureDeleteView.as_view(),
        name="closure_delete",
    ),
    path("holidays/", views.HolidayListView.as_view(), name="holidays"),
    path("holidays/<int:pk>/delete/", views.HolidayDeleteView.as_view(), name="holiday_delete"),
]
