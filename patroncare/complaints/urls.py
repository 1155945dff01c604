from django.urls import path

from .views import actions, configuration, learning, replies, staff

app_name = "complaints"

urlpatterns = [
    path("", staff.ComplaintListView.as_view(), name="list"),
    path("new/", staff.ComplaintCreateView.as_view(), name="create"),
    path("export.csv", staff.ComplaintExportView.as_view(), name="export"),
    path("patterns/", learning.PatternsView.as_view(), name="patterns"),
    path("figures/", learning.FiguresView.as_view(), name="figures"),
    path("reviews/", learning.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", learning.ReviewDetailView.as_view(), name="review_detail"),
    path("statements/", learning.StatementListView.as_view(), name="statements"),
    path("statements/<int:pk>/", learning.StatementDetailView.as_view(), name="statement_detail"),
    path("statements/<int:pk>/<slug:step>/", learning.StatementStepView.as_view(), name="statement_step"),
    path("settings/", configuration.ConfigurationView.as_view(), name="settings"),
    path("settings/deadlines/", configuration.DeadlinesView.as_view(), name="settings_deadlines"),
    path("settings/patterns/", configuration.PatternSettingsView.as_view(), name="settings_patterns"),
    path("settings/categories/new/", configuration.CategoryFormView.as_view(), name="category_create"),
    path("settings/categories/<int:pk>/", configuration.CategoryFormView.as_view(), name="category_edit"),
    path("settings/replies/new/", replies.ReplyTemplateFormView.as_view(), name="reply_template_create"),
    path("settings/replies/<int:pk>/", replies.ReplyTemplateFormView.as_view(), name="reply_template_edit"),
    path("actions/<int:pk>/done/", actions.ActionDoneView.as_view(), name="action_done"),
    path("<int:pk>/", staff.CaseFileView.as_view(), name="detail"),
    path("<int:pk>/triage/", actions.TriageView.as_view(), name="triage"),
    path("<int:pk>/acknowledge/", actions.AcknowledgeView.as_view(), name="acknowledge"),
    path("<int:pk>/actions/add/", actions.ActionAddView.as_view(), name="action_add"),
    path("<int:pk>/satisfaction/", actions.SatisfactionRecordView.as_view(), name="satisfaction"),
    path("<int:pk>/note/", actions.NoteView.as_view(), name="note"),
    path("<int:pk>/message/", actions.MessageView.as_view(), name="message"),
    path("<int:pk>/extend/", actions.ExtendView.as_view(), name="extend"),
    path("<int:pk>/respond/", actions.RespondView.as_view(), name="respond"),
    path("<int:pk>/close/", actions.CloseView.as_view(), name="close"),
    path("<int:pk>/reopen/", actions.ReopenView.as_view(), name="reopen"),
    path("<int:pk>/reassign/", actions.ReassignView.as_view(), name="reassign"),
    path("<int:pk>/link/", actions.LinkView.as_view(), name="link"),
    path("<int:pk>/praise/", actions.PraisePassOnView.as_view(), name="praise"),
    path("<int:pk>/attach/", actions.AttachView.as_view(), name="attach"),
    path("attachments/<int:pk>/", actions.AttachmentDownloadView.as_view(), name="attachment"),
    path("<int:pk>/statement/", actions.StatementDraftView.as_view(), name="statement"),
]
