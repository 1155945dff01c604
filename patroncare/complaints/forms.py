"""Forms of the complaints pages. They check input; the services apply the rules."""

import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionFormMixin

from .models import Channel, Judgement, Kind, Outcome, Remedy, ReplyPurpose, Satisfaction, Severity, Status
from .models.case import NARRATIVE_MAX
from .models.choices import SEVERITY_GUIDANCE, MessageChannel

MIN_FILL_SECONDS = 3
FORM_STAMP_SALT = "complaints.feedback-started"
DEFAULT_REVIEW_INFO = _(
    "If you are not satisfied with this response, you can ask for a review by the director from the status "
    "page, with your reference and secret, within 30 days."
)


def severity_help() -> str:
    return " ".join(f"{label}: {SEVERITY_GUIDANCE[value]}" for value, label in Severity.choices)


class SeverityField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Severity.choices, widget=forms.RadioSelect, **kwargs)


class DeskComplaintForm(forms.Form):
    """One short form for staff: what happened, where, how it came in, and who to reply to."""

    narrative = forms.CharField(
        label=_("What happened, in the patron's words"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        initial=Channel.DESK,
    )
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.COMPLAINT)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, required=False, empty_label=_("Decide later")
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        required=False,
        choices=[("", _("Decide later"))] + list(Severity.choices),
        help_text=_("It sets the owner and the deadlines. Critical cases reach the director at once."),
    )
    patron_name = forms.CharField(label=_("Patron's name"), max_length=150, required=False)
    patron_email = forms.EmailField(label=_("Patron's e-mail"), required=False)
    patron_phone = forms.CharField(label=_("Patron's phone"), max_length=40, required=False)
    patron_language = forms.ChoiceField(
        label=_("Patron's language"), choices=settings.LANGUAGES, initial="en"
    )
    anonymous = forms.BooleanField(label=_("The patron prefers to stay anonymous"), required=False)

    def __init__(self, *args, branches, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["category"].queryset = categories

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and (
            data.get("patron_name") or data.get("patron_email") or data.get("patron_phone")
        ):
            raise forms.ValidationError(
                _("An anonymous complaint keeps no name or contact: clear them, or untick “anonymous”.")
            )
        return data


class PublicFeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"),
        choices=Kind.choices,
        initial=Kind.COMPLAINT,
        widget=forms.RadioSelect,
    )
    branch = forms.ModelChoiceField(
        label=_("Which library?"), queryset=None, required=False, empty_label=_("Not sure, or more than one")
    )
    narrative = forms.CharField(
        label=_("What happened?"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("When and where it happened, and what was said or done."),
    )
    desired_outcome = forms.CharField(
        label=_("What would put it right for you?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    patron_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        help_text=_("Optional. Leave your name and contact empty to stay anonymous."),
    )
    patron_email = forms.EmailField(
        label=_("Your e-mail"), required=False, help_text=_("Optional. We send our replies here.")
    )
    patron_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)
    # Bots fill every field; people never see this one (hidden from view and from assistive technology).
    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(widget=forms.HiddenInput)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        if not self.is_bound:
            self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt=FORM_STAMP_SALT)
            self.initial["token"] = uuid.uuid4()

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=FORM_STAMP_SALT, max_age=60 * 60 * 12)
        except signing.BadSignature as error:
            raise forms.ValidationError(_("This form has expired. Please send it again.")) from error
        if timezone.now().timestamp() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was very fast. Please check your message and send it again."))
        return started

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("Secret"),
        max_length=64,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )


class ReviewRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you not satisfied with the response?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SatisfactionForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How satisfied are you with how we handled your concern?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )


class VersionedForm(VersionFormMixin):
    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None and not self.is_bound:
            self.initial["version"] = complaint.version


class TriageForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    severity = SeverityField(label=_("Severity"))
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=None, required=False, empty_label=_("Set by the severity")
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

    def __init__(self, *args, categories, owners, show_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["owner"].queryset = owners
        if not show_staff:
            del self.fields["staff_involved"]
        self.severity_guidance = [(label, SEVERITY_GUIDANCE[value]) for value, label in Severity.choices]


class AcknowledgeForm(VersionedForm):
    message = forms.CharField(
        label=_("Message to the patron"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
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
        data["outstanding_lines"] = lines
        return data


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


class StatementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Statement"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, what we did, and what will change. Never name the patron."),
    )


class ReviewCompleteForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the review"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ComplaintFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open"))] + list(Status.choices),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
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


class SeverityRuleForm(forms.Form):
    acknowledge_days = forms.IntegerField(label=_("Days to acknowledge"), min_value=1, max_value=60)
    respond_days = forms.IntegerField(label=_("Days to respond"), min_value=1, max_value=120)
    review_acknowledge_days = forms.IntegerField(
        label=_("Days to acknowledge a review"), min_value=1, max_value=60
    )
    review_respond_days = forms.IntegerField(
        label=_("Days to respond to a review"), min_value=1, max_value=120
    )
    owner_rule = forms.ChoiceField(
        label=_("Owner"),
        choices=[("branch_supervisor", _("A supervisor of the branch")), ("director", _("The director"))],
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("respond_days")
            and data.get("acknowledge_days")
            and data["respond_days"] < data["acknowledge_days"]
        ):
            raise forms.ValidationError(_("The response cannot be due before the acknowledgement."))
        return data


class PatternSettingsForm(forms.Form):
    pattern_window_days = forms.IntegerField(label=_("Window (days)"), min_value=7, max_value=365)
    pattern_threshold = forms.IntegerField(label=_("Cases that make a pattern"), min_value=2, max_value=50)
    board_review = forms.BooleanField(
        label=_("After the director's review, the patron may ask for a review by the board"), required=False
    )


class CategoryForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"), max_length=40, help_text=_("Letters, numbers and hyphens; never shown.")
    )
    name = forms.CharField(label=_("Name in English"), max_length=120)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=120)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class ReplyTemplateForm(forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=40,
        help_text=_("The same key in English and Spanish makes one template in two languages."),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ReplyPurpose.choices)
    body = forms.CharField(
        label=_("Text"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Merge fields: {patron_name}, {reference}, {branch}, {staff_name}, {respond_by}, {library}."
        ),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class PatternReviewForm(forms.Form):
    subject = forms.CharField(label=_("Policy or procedure to review"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Review owner"), coerce=int)
    due_date = forms.DateField(label=_("Review due by"), widget=forms.DateInput(attrs={"type": "date"}))
    cases = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, owners, **kwargs):
        # A plain list of choices: one page shows this form once per pattern, read from one query.
        super().__init__(*args, **kwargs)
        self.owners = {owner.pk: owner for owner in owners}
        self.fields["owner"].choices = [(pk, owner.full_name) for pk, owner in self.owners.items()]

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]

    def clean_cases(self):
        try:
            return [int(value) for value in self.cleaned_data["cases"].split(",") if value]
        except ValueError as error:
            raise forms.ValidationError(_("The list of cases is not valid.")) from error
