"""Riverbend's staff: every role, at the scopes a real system would give them."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.core.demo import DEMO_PASSWORD, DEMO_TOTP_KEY

from .models import Role, RoleAssignment, User

SYSTEM = None  # a role for the whole library system

# key, name, e-mail local part, language, [(role, branch code or SYSTEM)], login shown to newcomers
STAFF = [
    ("frontline", "Maria Lopez", "maria.lopez", "es", [(Role.FRONTLINE, "CEN")], "Front-line staff"),
    ("lone_worker", "Sam Okafor", "sam.okafor", "en", [(Role.FRONTLINE, "PIN")], "Front-line, small branch"),
    (
        "supervisor",
        "Dana Whitfield",
        "dana.whitfield",
        "en",
        [(Role.SUPERVISOR, "CEN"), (Role.SUPERVISOR, "EAS")],
        "Supervisor",
    ),
    ("administrator", "Alex Chen", "alex.chen", "en", [(Role.ADMINISTRATOR, SYSTEM)], "Administrator"),
    ("security", "Jordan Reyes", "jordan.reyes", "en", [(Role.SECURITY, SYSTEM)], "Security"),
    ("trainer", "Priya Nair", "priya.nair", "en", [(Role.TRAINER, SYSTEM)], "Trainer"),
    ("trustee", "Harold Benson", "harold.benson", "en", [(Role.TRUSTEE, SYSTEM)], "Trustee"),
    ("director", "Evelyn Marsh", "evelyn.marsh", "en", [(Role.SUPERVISOR, SYSTEM)], "Director"),
    ("cen_staff_2", "Tom Becker", "tom.becker", "en", [(Role.FRONTLINE, "CEN")], ""),
    ("cen_staff_3", "Aisha Rahman", "aisha.rahman", "en", [(Role.FRONTLINE, "CEN")], ""),
    ("eas_staff", "Luis Ortega", "luis.ortega", "es", [(Role.FRONTLINE, "EAS")], ""),
    ("eas_staff_2", "Grace Kim", "grace.kim", "en", [(Role.FRONTLINE, "EAS")], ""),
    (
        "nor_supervisor",
        "Marcus Bell",
        "marcus.bell",
        "en",
        [(Role.SUPERVISOR, "NOR"), (Role.SUPERVISOR, "WIL")],
        "",
    ),
    ("nor_staff", "Hannah Schultz", "hannah.schultz", "en", [(Role.FRONTLINE, "NOR")], ""),
    ("wil_staff", "Kevin Tran", "kevin.tran", "en", [(Role.FRONTLINE, "WIL")], ""),
    (
        "har_supervisor",
        "Rosa Delgado",
        "rosa.delgado",
        "es",
        [(Role.SUPERVISOR, "HAR"), (Role.SUPERVISOR, "PIN")],
        "",
    ),
    ("har_staff", "Ben Aldous", "ben.aldous", "en", [(Role.FRONTLINE, "HAR")], ""),
    (
        "pin_relief",
        "Nora Fitzgerald",
        "nora.fitzgerald",
        "en",
        [(Role.FRONTLINE, "PIN"), (Role.FRONTLINE, "HAR")],
        "",
    ),
    ("security_2", "Devon Price", "devon.price", "en", [(Role.SECURITY, "CEN")], ""),
    ("trustee_2", "Margaret Oyelaran", "margaret.oyelaran", "en", [(Role.TRUSTEE, SYSTEM)], ""),
]

LAKESHORE_STAFF = [
    ("lakeshore_admin", "Morgan Ellis", "morgan.ellis", [(Role.ADMINISTRATOR, SYSTEM)]),
    ("lakeshore_frontline", "Jamie Walsh", "jamie.walsh", [(Role.FRONTLINE, "LKM")]),
]


def load(context) -> None:
    riverbend = context.system
    for key, name, local_part, language, roles, login_label in STAFF:
        email = f"{local_part}@riverbend.example"
        user = _member(riverbend, email, name, language, roles, context.branches)
        context.staff[key] = user
        if login_label:
            note = "two-factor code: make demo-code" if key == "administrator" else ""
            context.logins.append((login_label, email, note))
    TOTPDevice.objects.get_or_create(
        user=context.staff["administrator"],
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )
    if riverbend.director_id is None:
        riverbend.director = context.staff["director"]
        riverbend.save(update_fields=["director"])
    lakeshore = context.systems["lakeshore"]
    lakeshore_branches = {b.code: b for b in lakeshore.branches.all()}
    for key, name, local_part, roles in LAKESHORE_STAFF:
        context.staff[key] = _member(
            lakeshore, f"{local_part}@lakeshore.example", name, "en", roles, lakeshore_branches
        )
    # The same demo authenticator, so `make demo-code` signs Lakeshore's administrator in too.
    TOTPDevice.objects.get_or_create(
        user=context.staff["lakeshore_admin"],
        name="Demo authenticator",
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )


def _member(system, email, name, language, roles, branches) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=name, library_system=system, preferred_language=language
        )
    for role, code in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role, branch=branches[code] if code else None)
    return user
