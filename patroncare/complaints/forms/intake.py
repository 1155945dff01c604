"""Forms for taking complaints in: the desk form, the public form, the status page, the follow-up."""

import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.libraries.models import Location

from ..models import Channel, Kind, Satisfaction, Severity
from ..models.case import NARRATIVE_MAX
from ..models.choices import SEVERITY_GUIDANCE

# A clock a minute or two fast on a desk computer is not "the future".
FUTURE_SLACK_SECONDS = 120

MIN_FILL_SECONDS = 3


FORM_STAMP_SALT = "complaints.feedback-started"


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
    location = forms.ModelChoiceField(
        label=_("Where in the branch"),
        queryset=None,
        required=False,
        empty_label=_("Not said, or elsewhere"),
        help_text=_("A place of the branch chosen above."),
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("The library's local time. Now, unless the patron tells you otherwise."),
    )
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
    patron_phone = forms.CharField(
        label=_("Patron's phone"),
        max_length=40,
        required=False,
        help_text=_("Only if the patron would rather be called than written to."),
    )
    patron_language = forms.ChoiceField(
        label=_("Patron's language"), choices=settings.LANGUAGES, initial="en"
    )
    anonymous = forms.BooleanField(label=_("The patron prefers to stay anonymous"), required=False)
    staff_named = forms.ModelMultipleChoiceField(
        label=_("Staff members the complaint is about"),
        queryset=None,
        required=False,
        help_text=_(
            "Private. The case is then passed to a supervisor; the people named never see it. "
            "Hold Ctrl (or ⌘) to choose more than one."
        ),
    )
    staff_involved = forms.CharField(
        label=_("Staff involved, in your words"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Private: for example “the man at the returns desk, about 4 pm”."),
    )
    resolved_now = forms.BooleanField(
        label=_("Resolved now, at first contact (a one-off)"),
        required=False,
        help_text=_(
            "For a minor or moderate complaint you put right there and then: the case is closed at once. "
            "If it could happen again because of how we work, leave this unticked and close it from the "
            "case file, where a policy review can be opened."
        ),
    )
    resolution = forms.CharField(
        label=_("What was done to put it right"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when it was resolved now; kept as the reason for closing the case."),
    )

    def __init__(self, *args, branches, categories, staff, zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["branch"].queryset = branches
        self.fields["location"].queryset = (
            Location.objects.filter(branch__in=branches, is_active=True)
            .select_related("branch")
            .order_by("branch__name", "name")
        )
        self.fields["location"].label_from_instance = lambda place: f"{place.branch.name}: {place.name}"
        self.fields["category"].queryset = categories
        self.fields["staff_named"].queryset = staff
        if not self.is_bound:
            # The wall-clock time at the library, to the minute (the field shows local time without zone).
            now = timezone.localtime(timezone.now(), zone).replace(second=0, microsecond=0, tzinfo=None)
            self.initial.setdefault("occurred_at", now)
        self.severity_guidance = [(label, SEVERITY_GUIDANCE[value]) for value, label in Severity.choices]

    def full_clean(self):
        # What staff type is the library's local time, whatever zone the server runs in.
        with timezone.override(self.zone):
            super().full_clean()

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value.timestamp() > timezone.now().timestamp() + FUTURE_SLACK_SECONDS:
            raise forms.ValidationError(_("This is in the future. Give the date and time it happened."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and (
            data.get("patron_name") or data.get("patron_email") or data.get("patron_phone")
        ):
            raise forms.ValidationError(
                _("An anonymous complaint keeps no name or contact: clear them, or untick “anonymous”.")
            )
        location, branch = data.get("location"), data.get("branch")
        if location is not None and branch is not None and location.branch_id != branch.pk:
            self.add_error(
                "location", _("That place is in another branch. Choose a place of the branch above.")
            )
        if data.get("resolved_now"):
            if not data.get("severity"):
                self.add_error("severity", _("Choose the severity of a complaint resolved now."))
            if not (data.get("resolution") or "").strip():
                self.add_error("resolution", _("Say what was done to put it right."))
        return data


# The stamp says when the form was given out and to which submission: it is bound to the form's token,
# and a token makes at most one case, so a stamp cannot be replayed for a second message. It lives long
# enough to write a long complaint; after that the form is stamped again and nothing typed is lost.
STAMP_LIFE_SECONDS = 2 * 60 * 60


def new_stamp(token) -> str:
    return signing.dumps({"t": timezone.now().timestamp(), "k": str(token)}, salt=FORM_STAMP_SALT)


def stamp_started_at(stamp: str, *, token) -> float | None:
    """When the form was given out, if the stamp is genuine, recent and made for this token."""
    try:
        value = signing.loads(stamp or "", salt=FORM_STAMP_SALT, max_age=STAMP_LIFE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or token is None or value.get("k") != str(token):
        return None
    return float(value["t"])


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
    patron_phone = forms.CharField(
        label=_("Your phone"),
        max_length=40,
        required=False,
        help_text=_("Optional. Only if you would rather we call you."),
    )
    # Bots fill every field; people never see this one (hidden from view and from assistive technology).
    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    token = forms.UUIDField(widget=forms.HiddenInput, label=_("Submission"))

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        if not self.is_bound:
            self.initial["token"] = uuid.uuid4()
            self.initial["started"] = new_stamp(self.initial["token"])

    def clean(self):
        # The fill-time check is about the whole form, so its message stands above the form, not on a field.
        data = super().clean()
        if "token" not in data:
            return data
        started = stamp_started_at(data.get("started"), token=data["token"])
        if started is None:
            raise forms.ValidationError(_("This form has expired. Please send it again."))
        if timezone.now().timestamp() - started < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was very fast. Please check your message and send it again."))
        return data

    def restamp(self) -> None:
        """After a refused attempt, the page starts a new fill time (an expired stamp would block for ever);
        the submission token is kept, so a case already made is still found."""
        self.data = self.data.copy()
        token = self.cleaned_data.get("token") if hasattr(self, "cleaned_data") else None
        if token is None:
            token = uuid.uuid4()
            self.data["token"] = str(token)
        self.data["started"] = new_stamp(token)

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


class PatronReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Add information or reply to our message"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person handling your case reads it and answers here or by e-mail."),
    )


class SatisfactionForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How satisfied are you with how we handled your concern?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you would like to add?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The staff handling your case read it."),
    )
