from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.PlaybookIndexView.as_view(), name="index"),
    path("phrases/", views.PhraseCardsView.as_view(), name="phrases"),
    path("phrases/manage/", views.PhraseManageView.as_view(), name="phrases_manage"),
    path("phrases/languages/<int:pk>/", views.PhraseLanguageView.as_view(), name="phrase_language"),
    path("install-standard/", views.InstallStandardView.as_view(), name="install_standard"),
    path("<slug:slug>/", views.PlaybookView.as_view(), name="playbook"),
    path("<slug:slug>/card.pdf", views.PlaybookCardView.as_view(), name="card"),
    path("<slug:slug>/edit/", views.PlaybookEditView.as_view(), name="edit"),
    path("<slug:slug>/settings/", views.PlaybookSettingsView.as_view(), name="settings"),
    path("<slug:slug>/history/", views.PlaybookHistoryView.as_view(), name="history"),
]
