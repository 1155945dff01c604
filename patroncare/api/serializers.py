"""What the API shows of each record (output), and the documented shape of what it accepts (input).

Input is validated by the pages' own forms (see views.bind_form): the serializers below marked "documents"
only describe the fields for the OpenAPI schema, so a rule of validation is never written twice.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from patroncare.complaints.models import Kind, Severity, Status
from patroncare.complaints.models.choices import Channel, MessageChannel
from patroncare.incidents.models import Behaviour, Level


class Ref(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class Problem(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def _ref(obj, attr="name"):
    return {"id": obj.pk, "name": str(getattr(obj, attr))} if obj is not None else None


class ComplaintSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    severity = serializers.CharField(allow_blank=True)
    stage = serializers.IntegerField()
    branch = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField()
    acknowledge_due_at = serializers.DateTimeField(allow_null=True)
    respond_due_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    outcome = serializers.CharField(allow_blank=True)
    judgement = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()

    @extend_schema_field(Ref(allow_null=True))
    def get_branch(self, obj) -> dict | None:
        return _ref(obj.branch)

    @extend_schema_field(Ref(allow_null=True))
    def get_category(self, obj) -> dict | None:
        return _ref(obj.category)

    @extend_schema_field(Ref(allow_null=True))
    def get_owner(self, obj) -> dict | None:
        return _ref(obj.owner, "full_name")

    def get_overdue(self, obj) -> str:
        return obj.overdue_at(timezone.now()) or ""


class ComplaintDetailSerializer(ComplaintSerializer):
    narrative = serializers.CharField()
    desired_outcome = serializers.CharField(allow_blank=True)
    patron_language = serializers.CharField()
    anonymous = serializers.BooleanField()
    patron = serializers.SerializerMethodField()

    def get_patron(self, obj) -> dict | None:
        if not self.context.get("show_patron") or obj.anonymous:
            return None
        return {"name": obj.patron_name, "email": obj.patron_email}


class ComplaintCreateInput(serializers.Serializer):
    """Documents the desk form (complaints.forms.DeskComplaintForm), which validates it."""

    branch = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != "web"])
    narrative = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    category = serializers.IntegerField(required=False, allow_null=True)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True)
    location = serializers.IntegerField(required=False, allow_null=True)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    patron_name = serializers.CharField(required=False, allow_blank=True)
    patron_email = serializers.EmailField(required=False, allow_blank=True)
    patron_phone = serializers.CharField(required=False, allow_blank=True)
    patron_language = serializers.ChoiceField(choices=[("en", "English"), ("es", "Español")], required=False)
    anonymous = serializers.BooleanField(required=False)
    staff_involved = serializers.CharField(required=False, allow_blank=True)


class NoteInput(serializers.Serializer):
    """Documents complaints.forms.NoteForm."""

    body = serializers.CharField()


class MessageInput(serializers.Serializer):
    """Documents complaints.forms.MessageForm."""

    channel = serializers.ChoiceField(choices=MessageChannel.choices)
    body = serializers.CharField()
    expects_reply = serializers.BooleanField(required=False)


class TriageInput(serializers.Serializer):
    """Documents complaints.forms.TriageForm; the version comes from If-Match."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    category = serializers.IntegerField()
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True)
    owner = serializers.IntegerField(required=False, allow_null=True)
    policy = serializers.IntegerField(required=False, allow_null=True)
    policy_tag = serializers.CharField(required=False, allow_blank=True)


class EntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    created_at = serializers.DateTimeField()


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    branch = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    occurred_at = serializers.DateTimeField()
    level = serializers.ChoiceField(choices=Level.choices)
    summary = serializers.CharField()
    behaviours = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    @extend_schema_field(Ref(allow_null=False))
    def get_branch(self, obj) -> dict:
        return _ref(obj.branch)

    @extend_schema_field(Ref(allow_null=True))
    def get_location(self, obj) -> dict | None:
        return _ref(obj.location)

    def get_behaviours(self, obj) -> list[str]:
        return [b.behaviour for b in obj.behaviours.all()]


class IncidentDetailSerializer(IncidentSerializer):
    narrative = serializers.CharField()
    injuries = serializers.CharField(allow_blank=True)
    damage = serializers.CharField(allow_blank=True)
    rules = serializers.SerializerMethodField()
    reported_at = serializers.DateTimeField()

    def get_rules(self, obj) -> list[str]:
        return [rule.code for rule in obj.rules.all()]


class IncidentCreateInput(serializers.Serializer):
    """Documents incidents.forms.IncidentForm (people and files are added on the page)."""

    branch = serializers.IntegerField()
    location = serializers.IntegerField(required=False, allow_null=True)
    occurred_at = serializers.DateTimeField()
    behaviours = serializers.ListField(child=serializers.ChoiceField(choices=Behaviour.choices))
    summary = serializers.CharField(max_length=150)
    narrative = serializers.CharField()
    rules = serializers.ListField(child=serializers.IntegerField(), required=False)
    injuries = serializers.CharField(required=False, allow_blank=True)
    damage = serializers.CharField(required=False, allow_blank=True)


class BoardEntrySerializer(serializers.Serializer):
    """The board shows what is needed to enforce an exclusion, nothing more."""

    id = serializers.IntegerField()
    person = serializers.SerializerMethodField()
    branch = serializers.SerializerMethodField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    state = serializers.CharField()

    def get_person(self, obj) -> str:
        return str(obj.person)

    @extend_schema_field(Ref(allow_null=True))
    def get_branch(self, obj) -> dict | None:
        return _ref(obj.branch)


class ExclusionSerializer(BoardEntrySerializer):
    outcome = serializers.CharField()
    issued_at = serializers.DateTimeField()
    lift_request_after = serializers.DateField(allow_null=True)
    rescinded_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class ExclusionDetailSerializer(ExclusionSerializer):
    conditions = serializers.CharField(allow_blank=True)
    rules = serializers.SerializerMethodField()

    def get_rules(self, obj) -> list[str]:
        return [rule.code for rule in obj.rules.all()]


class RuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    behaviour_class = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()

    @extend_schema_field(Ref(allow_null=False))
    def get_behaviour_class(self, obj) -> dict:
        return _ref(obj.behaviour_class)


class LadderStepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    behaviour_class = serializers.SerializerMethodField()
    for_minors = serializers.BooleanField()
    offence_from = serializers.IntegerField()
    offence_to = serializers.IntegerField(allow_null=True)
    lookback = serializers.CharField(source="lookback_label")
    consequence = serializers.CharField(source="consequence_label")

    @extend_schema_field(Ref(allow_null=False))
    def get_behaviour_class(self, obj) -> dict:
        return _ref(obj.behaviour_class)


class PolicySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    area = serializers.CharField()
    flexibility = serializers.CharField()
    current_number = serializers.IntegerField()
    next_review_on = serializers.DateField()
    is_retired = serializers.BooleanField()
    version = serializers.IntegerField()


class PolicyDetailSerializer(PolicySerializer):
    body = serializers.CharField()
    alternatives = serializers.CharField(allow_blank=True)


class ResourceHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 is Monday.")
    opens = serializers.TimeField()
    closes = serializers.TimeField()


class ResourceSerializer(serializers.Serializer):
    """A community resource of the referrals directory, as staff see it to refer someone."""

    id = serializers.IntegerField()
    organisation = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    needs = serializers.SerializerMethodField()
    address = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    text_line = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)
    languages = serializers.SerializerMethodField()
    hours = ResourceHoursSerializer(many=True, source="hours.all")
    hours_note = serializers.CharField(allow_blank=True)
    eligibility = serializers.CharField(allow_blank=True)
    cost = serializers.CharField(allow_blank=True)
    open_now = serializers.BooleanField(help_text="Open at this moment, in the library's time zone.")
    last_verified_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()

    def get_needs(self, resource) -> list[str]:
        return [category.slug for category in resource.categories.all()]

    def get_languages(self, resource) -> list[str]:
        return [code for code in resource.languages.split(",") if code]


class ChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Position in the feed.")
    resource = serializers.CharField()
    record_id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["create", "update", "delete"])
    at = serializers.DateTimeField()
    url = serializers.CharField()


_PAGES = {}


def paged(item_class):
    """The shape of a cursor page of `item_class` (next and previous are whole addresses, or null)."""
    if item_class not in _PAGES:
        name = "Paged" + item_class.__name__.removesuffix("Serializer")
        _PAGES[item_class] = type(
            name,
            (serializers.Serializer,),
            {
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": item_class(many=True),
            },
        )
    return _PAGES[item_class]
