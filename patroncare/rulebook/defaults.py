"""The default rules of conduct and consequence table a new library system starts from.

Written about behaviours, never about kinds of people. Administrators edit them to match what their board
adopted; every edit is kept as a new version.
"""

from patroncare.libraries.calendar import Unit

from .models import Outcome

MINOR, SERIOUS, SEVERE, GRAVE = 1, 2, 3, 4

# rank, name, Spanish name, word in a recommendation, Spanish word. A library renames these, adds or removes
# classes to match its published rules ("Class A" to "Class E", ...).
DEFAULT_CLASSES = [
    (MINOR, "Tier 1: minor", "Nivel 1: leve", "minor", "leve"),
    (SERIOUS, "Tier 2: serious", "Nivel 2: grave", "serious", "grave"),
    (SEVERE, "Tier 3: severe", "Nivel 3: muy grave", "severe", "muy grave"),
    (
        GRAVE,
        "Tier 4: most serious or illegal",
        "Nivel 4: de máxima gravedad o ilegal",
        "most serious",
        "de máxima gravedad",
    ),
]

# code, title, class rank, text, Spanish title, Spanish text (cited in letters written in Spanish)
DEFAULT_RULES = [
    (
        "1",
        "Noise and phone calls",
        MINOR,
        "Keep your voice and devices at a level that lets others read, study and work. "
        "Take phone calls in the lobby or outside.",
        "Ruido y llamadas",
        "Mantenga la voz y los dispositivos a un volumen que permita a los demás leer, estudiar y trabajar. "
        "Atienda las llamadas en el vestíbulo o afuera.",
    ),
    (
        "2",
        "Care of equipment and furniture",
        MINOR,
        "Use computers, furniture and materials for their purpose and leave them as you found them.",
        "Cuidado de equipos y mobiliario",
        "Use las computadoras, el mobiliario y los materiales para lo que son y déjelos como los encontró.",
    ),
    (
        "3",
        "Supervision of young children",
        MINOR,
        "Children under 8 stay with a parent or caregiver aged 14 or older at all times.",
        "Supervisión de niños pequeños",
        "Los niños menores de 8 años permanecen siempre con un padre, una madre o un cuidador de 14 años o "
        "más.",
    ),
    (
        "4",
        "Respectful conduct",
        SERIOUS,
        "Do not harass, insult or use slurs toward anyone, in person or online, "
        "and follow reasonable directions from staff.",
        "Conducta respetuosa",
        "No acose, insulte ni use expresiones ofensivas contra nadie, en persona o en línea, "
        "y siga las indicaciones razonables del personal.",
    ),
    (
        "5",
        "Alcohol and drugs",
        SERIOUS,
        "Do not use alcohol or drugs on library property, or behave under their influence in a way that "
        "disturbs others.",
        "Alcohol y drogas",
        "No consuma alcohol ni drogas en las instalaciones de la biblioteca, ni se comporte bajo sus efectos "
        "de forma que moleste a otros.",
    ),
    (
        "6",
        "Respecting an exclusion",
        SERIOUS,
        "Do not enter library property while you are excluded from it.",
        "Respeto de una exclusión",
        "No entre en las instalaciones de la biblioteca mientras esté excluido de ellas.",
    ),
    (
        "7",
        "Theft and damage",
        SEVERE,
        "Do not take, damage or deface library property or anyone else's belongings.",
        "Robo y daños",
        "No tome, dañe ni estropee bienes de la biblioteca ni pertenencias de otras personas.",
    ),
    (
        "8",
        "Threats",
        SEVERE,
        "Do not threaten anyone, in words, gestures or writing.",
        "Amenazas",
        "No amenace a nadie, ni de palabra, ni con gestos, ni por escrito.",
    ),
    (
        "9",
        "Violence",
        GRAVE,
        "Do not hit, push, spit at or physically harm anyone, or fight.",
        "Violencia",
        "No golpee, empuje, escupa ni haga daño físico a nadie, ni participe en peleas.",
    ),
    (
        "10",
        "Weapons",
        GRAVE,
        "Do not show or use a weapon, or anything used as one, on library property.",
        "Armas",
        "No muestre ni use un arma, ni nada usado como tal, en las instalaciones de la biblioteca.",
    ),
    (
        "11",
        "Sexual misconduct",
        GRAVE,
        "Do not expose yourself, touch anyone sexually, or view sexual content where others can see it.",
        "Conducta sexual indebida",
        "No se exhiba, no toque a nadie de forma sexual y no vea contenido sexual donde otros puedan verlo.",
    ),
]

# A published table, row by row (the format of `ladder.LADDER_ROW`), in the units it is published in:
# (class rank, for minors, offence from, offence to, look-back, earlier violations counted, outcome,
#  shortest suspension, longest suspension, may ask to lift after, the table's own wording)
MONTHS, YEARS = Unit.MONTHS, Unit.YEARS
DEFAULT_LADDER = [
    (
        MINOR,
        False,
        1,
        1,
        (12, MONTHS),
        "same",
        Outcome.WARNING,
        None,
        None,
        None,
        ("correct the behaviour or leave for the day", "corregir la conducta o retirarse por el día"),
    ),
    (MINOR, False, 2, 2, (12, MONTHS), "same", Outcome.LEAVE_DAY, None, None, None, ""),
    (MINOR, False, 3, None, (12, MONTHS), "same", Outcome.SUSPENSION, 7, 7, None, ""),
    (SERIOUS, False, 1, 1, (12, MONTHS), "same", Outcome.LEAVE_DAY, None, None, None, ""),
    (SERIOUS, False, 2, 2, (12, MONTHS), "same", Outcome.SUSPENSION, (1, MONTHS), (1, MONTHS), None, ""),
    (SERIOUS, False, 3, None, (12, MONTHS), "same", Outcome.SUSPENSION, (3, MONTHS), (3, MONTHS), None, ""),
    (SEVERE, False, 1, 1, (2, YEARS), "same", Outcome.SUSPENSION, (1, MONTHS), (3, MONTHS), None, ""),
    (SEVERE, False, 2, 2, (2, YEARS), "same", Outcome.SUSPENSION, (6, MONTHS), (12, MONTHS), None, ""),
    (SEVERE, False, 3, None, (2, YEARS), "same", Outcome.PERMANENT, None, None, (2, YEARS), ""),
    (GRAVE, False, 1, 1, (5, YEARS), "same", Outcome.PENDING_REVIEW, None, None, None, ""),
    (GRAVE, False, 2, None, (5, YEARS), "same", Outcome.PERMANENT, None, None, (3, YEARS), ""),
    (MINOR, True, 1, 2, (6, MONTHS), "same", Outcome.WARNING, None, None, None, ""),
    (MINOR, True, 3, None, (6, MONTHS), "same", Outcome.LEAVE_DAY, None, None, None, ""),
    (SERIOUS, True, 1, 1, (12, MONTHS), "same", Outcome.LEAVE_DAY, None, None, None, ""),
    (SERIOUS, True, 2, None, (12, MONTHS), "same", Outcome.SUSPENSION, 7, 14, None, ""),
]

# Who may issue what length on day one, for every role and the director: (number, unit, may issue permanent
# and pending review). None is no limit, 0 none at all. Twelve months, not 365 days, so that the ladder's
# longest suspension (12 months) is within a supervisor's reach from every first day, leap years included.
DAYS = Unit.DAYS
DEFAULT_LIMITS = {
    "frontline": (1, DAYS, False),
    "security": (1, DAYS, False),
    "supervisor": (12, MONTHS, False),
    "administrator": (12, MONTHS, True),
    "trainer": (0, DAYS, False),
    "trustee": (0, DAYS, False),
    "director": (None, DAYS, True),
}
