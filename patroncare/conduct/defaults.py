"""The default rules of conduct and consequence table a new library system starts from.

Written about behaviours, never about kinds of people. Administrators edit them to match what their board
adopted; every edit is kept as a new version.
"""

from .models import Outcome, Tier

DEFAULT_RULES = [
    (
        "1",
        "Noise and phone calls",
        Tier.MINOR,
        "Keep your voice and devices at a level that lets others read, study and work. Take phone calls in "
        "the "
        "lobby or outside.",
    ),
    (
        "2",
        "Care of equipment and furniture",
        Tier.MINOR,
        "Use computers, furniture and materials for their purpose and leave them as you found them.",
    ),
    (
        "3",
        "Supervision of young children",
        Tier.MINOR,
        "Children under 8 stay with a parent or caregiver aged 14 or older at all times.",
    ),
    (
        "4",
        "Respectful conduct",
        Tier.SERIOUS,
        "Do not harass, insult or use slurs toward anyone, in person or online, and follow reasonable "
        "directions "
        "from staff.",
    ),
    (
        "5",
        "Alcohol and drugs",
        Tier.SERIOUS,
        "Do not use alcohol or drugs on library property, or behave under their influence in a way that "
        "disturbs others.",
    ),
    (
        "6",
        "Respecting an exclusion",
        Tier.SERIOUS,
        "Do not enter library property while you are excluded from it.",
    ),
    (
        "7",
        "Theft and damage",
        Tier.SEVERE,
        "Do not take, damage or deface library property or anyone else's belongings.",
    ),
    ("8", "Threats", Tier.SEVERE, "Do not threaten anyone, in words, gestures or writing."),
    ("9", "Violence", Tier.GRAVE, "Do not hit, push, spit at or physically harm anyone, or fight."),
    (
        "10",
        "Weapons",
        Tier.GRAVE,
        "Do not show or use a weapon, or anything used as one, on library property.",
    ),
    (
        "11",
        "Sexual misconduct",
        Tier.GRAVE,
        "Do not expose yourself, touch anyone sexually, or view sexual content where others can see it.",
    ),
]

# (tier, for minors, offence from, offence to, look-back days, outcome, min days, max days, lift after, note)
DEFAULT_LADDER = [
    (
        Tier.MINOR,
        False,
        1,
        1,
        365,
        Outcome.WARNING,
        None,
        None,
        None,
        "correct the behaviour or leave for the day",
    ),
    (Tier.MINOR, False, 2, 2, 365, Outcome.LEAVE_DAY, None, None, None, ""),
    (Tier.MINOR, False, 3, None, 365, Outcome.SUSPENSION, 7, 7, None, ""),
    (Tier.SERIOUS, False, 1, 1, 365, Outcome.LEAVE_DAY, None, None, None, ""),
    (Tier.SERIOUS, False, 2, 2, 365, Outcome.SUSPENSION, 30, 30, None, ""),
    (Tier.SERIOUS, False, 3, None, 365, Outcome.SUSPENSION, 90, 90, None, ""),
    (Tier.SEVERE, False, 1, 1, 730, Outcome.SUSPENSION, 30, 90, None, ""),
    (Tier.SEVERE, False, 2, 2, 730, Outcome.SUSPENSION, 180, 365, None, ""),
    (Tier.SEVERE, False, 3, None, 730, Outcome.PERMANENT, None, None, 730, ""),
    (Tier.GRAVE, False, 1, 1, 1825, Outcome.PENDING_REVIEW, None, None, None, ""),
    (Tier.GRAVE, False, 2, None, 1825, Outcome.PERMANENT, None, None, 1095, ""),
    (Tier.MINOR, True, 1, 2, 180, Outcome.WARNING, None, None, None, ""),
    (Tier.MINOR, True, 3, None, 180, Outcome.LEAVE_DAY, None, None, None, ""),
    (Tier.SERIOUS, True, 1, 1, 365, Outcome.LEAVE_DAY, None, None, None, ""),
    (Tier.SERIOUS, True, 2, None, 365, Outcome.SUSPENSION, 7, 14, None, ""),
]

# role -> (longest exclusion in days or None for no limit, may issue permanent / pending review)
DEFAULT_LIMITS = {
    "frontline": (1, False),
    "security": (1, False),
    "supervisor": (365, False),
    "administrator": (365, True),
}
