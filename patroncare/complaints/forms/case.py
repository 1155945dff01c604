"""Forms of the case file and the case list. They check input; the services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

from ..models import Judgement, Kind, Outcome, Remedy, Satisfaction, Severity, Status
from ..models.choices import SEVERITY_GUIDANCE, MessageChannel
from ..services.deadlines import latest_extension_date

DEFAULT_REVIEW_INFO = _(
    "If you are not satisfied with this response, you can ask for a review by the director from the status "
    "page, with your reference and secret, within 30 days."
)


def severity_help() -> str:
    return " ".join(f"{label}: {SEVERITY_GUIDANCE[value]}" for value, label in Severity.choices)


class SeverityField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Severity.choices, widget=forms.RadioSelect, **kwargs)


class VersionedForm(VersionFormMixin):
    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None and not self.is_bound:
            self.initial["version"] = complaint.version


class TriageForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    severity = SeverityField(
        label=_("Severity"), required=False, help_text=_("Not for praise or suggestions.")
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=None, required=False, empty_label=_("Set by the severity")
    )
    policy = forms.ModelChoiceField(
        label=_("Policy in the policy library"),
        queryset=None,
        required=False,
        empty_label=_("None, or not in the library"),
        help_text=_(
            "A systemic case asks for a review of this policy; cases touching it are grouped in patterns."
        ),
    )
    policy_tag = forms.CharField(
        label=_("Policy or procedure touched"),
        max_length=80,
        required=False,
        help_text=_(
            "A short name such as “fines” or “room booking”; cases with the same "
            "name are grouped when looking for patterns."
        ),
    )
    staff_involved = forms.CharField(
        label=_("Staff involved"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by supervisors and above."),
    )
    staff_named = forms.ModelMultipleChoiceField(
        label=_("Staff members the complaint is about"),
        queryset=None,
        required=False,
        help_text=_("The case becomes restricted: the people named never see it."),
    )

    def __init__(self, *args, categories, owners, policies, show_staff: bool, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["owner"].queryset = owners
        self.fields["policy"].queryset = policies
        self.fields["staff_named"].queryset = staff if staff is not None else owners
        if not show_staff:
            del self.fields["staff_involved"]
            del self.fields["staff_named"]
        self.severity_guidance = [(label, SEVERITY_GUIDANCE[value]) for value, label in Severity.choices]


class PraiseForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(
        label=_("Members of staff the praise is for"),
        queryset=None,
        help_text=_("They are told, and can read this praise (and nothing else of the case list)."),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class AcknowledgeForm(VersionedForm):
    channel = forms.ChoiceField(
        label=_("How"),
        choices=MessageChannel.choices,
        help_text=_("By e-mail it is sent now; otherwise record what you told the patron."),
    )
    message = forms.CharField(
        label=_("Message to the patron"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


def _not_in_the_past(value, zone):
    if value < timezone.localdate(timezone=zone):
        raise forms.ValidationError(_("The due date cannot be in the past."))
    return value


class ActionForm(forms.Form):
    """An action promised after the response, with who keeps it and by when."""

    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner of the action"), queryset=None)
    due_date = forms.DateField(
        label=_("Due by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date in the library's time zone, today or later."),
    )

    def __init__(self, *args, owners, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.zone = zone

    def clean_due_date(self):
        return _not_in_the_past(self.cleaned_data["due_date"], self.zone)


class SatisfactionRecordForm(forms.Form):
    """Staff record the patron's answer to the satisfaction question, told on the phone or in person."""

    answer = forms.ChoiceField(
        label=_("The patron's answer"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label=_("How the patron told you"),
        choices=[
            (MessageChannel.PHONE, _("Phone call")),
            (MessageChannel.IN_PERSON, _("In person")),
            (MessageChannel.LETTER, _("Letter")),
            (MessageChannel.EMAIL, _("E-mail from the patron")),
        ],
        initial=MessageChannel.PHONE,
    )
    comment = forms.CharField(
        label=_("What the patron said"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded once: a second answer is refused."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never shown to the patron."),
    )


class MessageForm(forms.Form):
    channel = forms.ChoiceField(label=_("How"), choices=MessageChannel.choices)
    body = forms.CharField(
        label=_("Message to the patron"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )
    expects_reply = forms.BooleanField(
        label=_("I am waiting for the patron's answer"),
        required=False,
        help_text=_("The case shows under “Waiting for the patron” until they reply on the status page."),
    )


class ExtendForm(VersionedForm):
    new_date = forms.DateField(
        label=_("New date for the response"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason (told to the patron)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_new_date(self):
        value = self.cleaned_data["new_date"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date in the future."))
        if value > latest_extension_date(today=timezone.localdate()):
            raise forms.ValidationError(
                _("An extension reaches at most one year from today. Choose an earlier date.")
            )
        return value


class RespondForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons for the decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    remedies = forms.MultipleChoiceField(
        label=_("Remedy"), choices=Remedy.choices, widget=forms.CheckboxSelectMultiple
    )
    remedy_detail = forms.CharField(
        label=_("What we did"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    outstanding = forms.CharField(
        label=_("Actions still outstanding (one per line)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    outstanding_owner = forms.ModelChoiceField(
        label=_("Owner of these actions"),
        queryset=None,
        required=False,
        help_text=_(
            "Each action listed gets this owner and due date; add actions with another owner or date on "
            "the case file once the response is sent."
        ),
    )
    outstanding_due = forms.DateField(
        label=_("Actions due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    nothing_outstanding = forms.BooleanField(label=_("Nothing is outstanding"), required=False)
    review_info = forms.CharField(
        label=_("How to ask for a review"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=DEFAULT_REVIEW_INFO,
    )
    channel = forms.ChoiceField(label=_("Send by"), choices=MessageChannel.choices)

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in data.get("outstanding", "").splitlines() if line.strip()]
        if not lines and not data.get("nothing_outstanding"):
            self.add_error(
                "outstanding", _("List the actions still outstanding, or tick “Nothing is outstanding”.")
            )
        if lines and data.get("nothing_outstanding"):
            self.add_error("nothing_outstanding", _("You listed outstanding actions: untick this box."))
        if any(len(line) > 300 for line in lines):
            self.add_error("outstanding", _("Keep each action under 300 characters."))
        if lines:
            if not data.get("outstanding_owner"):
                self.add_error("outstanding_owner", _("Choose who keeps these promises."))
            if not data.get("outstanding_due") and "outstanding_due" not in self.errors:
                self.add_error("outstanding_due", _("Give the date the actions are due by."))
            elif data.get("outstanding_due"):
                try:
                    _not_in_the_past(data["outstanding_due"], self.zone)
                except forms.ValidationError as error:
                    self.add_error("outstanding_due", error)
        data["outstanding_actions"] = [
            {
                "description": line,
                "owner": data.get("outstanding_owner"),
                "due_date": data.get("outstanding_due"),
            }
            for line in lines
        ]
        return data

    def __init__(self, *args, owners, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outstanding_owner"].queryset = owners
        self.zone = zone


class CloseForm(VersionedForm):
    judgement = forms.ChoiceField(
        label=_("Was this a one-off, or systemic?"),
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Systemic: it could happen again because of how we work, so a policy or procedure needs review."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for this judgement"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolved_at_first_contact = forms.BooleanField(
        label=_("Resolved at first contact (no formal response)"), required=False
    )
    review = forms.ModelChoiceField(
        label=_("Join a review already open"),
        queryset=None,
        required=False,
        empty_label=_("No, open a new review"),
    )
    review_subject = forms.CharField(label=_("Policy or procedure to review"), max_length=200, required=False)
    review_owner = forms.ModelChoiceField(label=_("Review owner"), queryset=None, required=False)
    review_due = forms.DateField(
        label=_("Review due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, reviews, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = reviews
        self.fields["review_owner"].queryset = owners

    def clean(self):
        data = super().clean()
        if data.get("judgement") == Judgement.SYSTEMIC and not data.get("review"):
            for name in ("review_subject", "review_owner", "review_due"):
                if not data.get(name):
                    self.add_error(name, _("Needed to open the review of a systemic case."))
        return data

    def new_review(self) -> dict | None:
        data = self.cleaned_data
        if data["judgement"] != Judgement.SYSTEMIC or data.get("review"):
            return None
        return {
            "subject": data["review_subject"],
            "owner": data["review_owner"],
            "due_date": data["review_due"],
        }


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReassignForm(VersionedForm):
    owner = forms.ModelChoiceField(label=_("New owner"), queryset=None)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class LinkForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the case to link"), max_length=20)


class MergeForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the case that carries on"),
        max_length=20,
        help_text=_(
            "This case is closed as merged into that one; its timeline, restriction and named staff go "
            "with it, and the patron's status page shows that case."
        ),
    )
    reason = forms.CharField(
        label=_("Why are they the same complaint?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReceiptMailForm(forms.Form):
    email = forms.EmailField(
        label=_("Patron's e-mail"),
        required=False,
        help_text=_(
            "Leave empty to use the address on the case. An address typed here is saved on the case."
        ),
    )


class StatementForm(forms.Form):
    """The statement in English and in Spanish. A draft may lack the Spanish; approval needs both."""

    title = forms.CharField(label=_("Title in English"), max_length=200)
    body = forms.CharField(
        label=_("Statement in English"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "en"}),
        help_text=_("What happened, what we did, and what will change. Never name the patron."),
    )
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=200, required=False)
    body_es = forms.CharField(
        label=_("Statement in Spanish"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "es"}),
        help_text=_("Needed before the director approves it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["lang"] = "en"
        self.fields["title_es"].widget.attrs["lang"] = "es"


class StatementEditForm(VersionFormMixin, StatementForm):
    """The draft's text with the version the editor started from."""


class StatementCommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


SAVED_VIEWS = [
    ("", _("All cases")),
    ("mine", _("Mine")),
    ("triage", _("To triage")),
    ("overdue", _("Overdue")),
    ("waiting", _("Waiting for the patron")),
]


class ComplaintFilterForm(forms.Form):
    view = forms.ChoiceField(label=_("View"), required=False, choices=SAVED_VIEWS, widget=forms.HiddenInput)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open"))] + list(Status.choices),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    untriaged = forms.BooleanField(label=_("Not triaged"), required=False)
    unassigned = forms.BooleanField(label=_("No owner"), required=False)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, required=False, empty_label=_("Any"))
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, required=False, empty_label=_("Any")
    )
    severity = forms.ChoiceField(
        label=_("Severity"), required=False, choices=[("", _("Any"))] + list(Severity.choices)
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False, choices=[("", _("Anyone")), ("me", _("Me"))])
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, branches, categories, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["category"].queryset = categories
        self.fields["owner"].choices = [("", _("Anyone")), ("me", _("Me"))] + [
            (str(owner.pk), owner.full_name) for owner in owners
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
