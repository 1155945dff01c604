import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel

WEEKDAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
ALL_WEEKDAYS_MASK = 0b1111111
MONDAY_TO_FRIDAY_MASK = 0b0011111


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone, such as America/Chicago."), params={"value": value}
        )


class LibrarySystem(VersionedModel):
    """One library system: the unit of isolation. Nothing of one system is ever visible to another."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/Chicago", validators=[validate_time_zone]
    )
    # Working days of the administration, as a bitmask with Monday as bit 0. Deadlines count these days.
    opening_days = models.PositiveSmallIntegerField(_("opening days"), default=MONDAY_TO_FRIDAY_MASK)
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("library system")
        verbose_name_plural = _("library systems")
        constraints = [
            models.CheckConstraint(
                condition=Q(opening_days__gte=1) & Q(opening_days__lte=ALL_WEEKDAYS_MASK),
                name="librarysystem_opening_days_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_opening_weekday(self, weekday: int) -> bool:
        return bool(self.opening_days & (1 << weekday))

    @property
    def opening_weekdays(self) -> list[int]:
        return [day for day in range(7) if self.is_opening_weekday(day)]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Branch(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="branches")
    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(
        _("code"), max_length=30, help_text=_("A short code used in reference numbers, e.g. CEN.")
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_small = models.BooleanField(
        _("small branch"),
        default=False,
        help_text=_("Often staffed by one person: lone-worker guidance and check-ins apply."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="branch_code_unique_in_system"),
            models.UniqueConstraint(fields=["system", "name"], name="branch_name_unique_in_system"),
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=list(enumerate(WEEKDAY_NAMES)))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["branch", "weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.UniqueConstraint(fields=["branch", "weekday"], name="openinghours_one_row_per_day"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="openinghours_weekday_valid"),
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="openinghours_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class LocationKind(models.TextChoices):
    ENTRANCE = "entrance", _("Entrance and lobby")
    SERVICE_DESK = "service_desk", _("Service desk")
    STACKS = "stacks", _("Stacks and reading areas")
    CHILDREN = "children", _("Children's area")
    TEEN = "teen", _("Teen area")
    COMPUTER_LAB = "computer_lab", _("Computer lab")
    MEETING_ROOM = "meeting_room", _("Meeting or study room")
    RESTROOMS = "restrooms", _("Restrooms")
    PARKING = "parking", _("Parking and grounds")
    OTHER = "other", _("Other")


class Location(VersionedModel):
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=LocationKind.choices, default=LocationKind.OTHER
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["branch", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="location_name_unique_in_branch"),
            models.CheckConstraint(condition=Q(kind__in=LocationKind.values), name="location_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A day every branch of the system is closed (public holidays)."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        constraints = [models.UniqueConstraint(fields=["system", "date"], name="holiday_one_per_day")]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})"


class Closure(models.Model):
    """A period one branch is closed (repairs, staff training, weather)."""

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("first day closed"))
    end_date = models.DateField(_("last day closed"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="closure_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["branch", "start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.branch}: {self.reason}"
