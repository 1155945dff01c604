"""The sets of roles the permissions of every app are written with, each defined once.

A permission module names the set that fits ("who reports incidents"), never lists roles again, so that a
change of who may do something is made here, in one place, and read in one place.
"""

from .models import Role

# Everyone who works in a branch (trustees are not staff: they read reports and statements).
STAFF = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SECURITY, Role.TRAINER})
# Those who oversee: approve, decide, reassign, look at patterns.
OVERSIGHT = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# Those who record and handle complaints, policy exceptions and cases at the desk.
CASE_HANDLERS = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.ADMINISTRATOR})
# Those who report incidents and read the board of who is excluded now.
INCIDENT_REPORTERS = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.SECURITY, Role.ADMINISTRATOR})
# Those who read incidents in full and issue exclusions.
INCIDENT_READERS = frozenset({Role.SUPERVISOR, Role.SECURITY, Role.ADMINISTRATOR})
# Those on the floor when something happens: alerts and the desk's safety cards.
ON_THE_FLOOR = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.SECURITY})
# Those told at once of a dangerous incident.
SAFETY_WATCH = frozenset({Role.SUPERVISOR, Role.SECURITY})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
TRAINERS = frozenset({Role.TRAINER})
TRUSTEES = frozenset({Role.TRUSTEE})
