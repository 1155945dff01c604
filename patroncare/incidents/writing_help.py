"""Writing help: finds labels and judgements in a narrative and suggests behavioural wording.

It never blocks a report. It looks for words used as labels about diagnosis, housing, addiction, character
or appearance, in English and in Spanish (staff often write in either), and says what to write instead:
what was seen and heard. The word list is deliberately short and conservative; a word that is also an
ordinary description ("loud") is not on it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Category:
    DIAGNOSIS = "diagnosis"
    HOUSING = "housing"
    ADDICTION = "addiction"
    CHARACTER = "character"
    APPEARANCE = "appearance"


SUGGESTIONS = {
    Category.DIAGNOSIS: _(
        "Staff cannot diagnose. Describe what the person said and did, for example “talked "
        "loudly to no one visible for ten minutes”."
    ),
    Category.HOUSING: _(
        "Housing is not a behaviour. Leave it out, or describe the behaviour, for example “slept at "
        "a study table from 2 to 4 pm”."
    ),
    Category.ADDICTION: _(
        "Describe what you observed, for example “smelled of alcohol, slurred speech, unsteady on "
        "their feet”."
    ),
    Category.CHARACTER: _(
        "Replace the judgement with the facts: quote the words used and describe the actions, for "
        "example “raised their voice and said ‘…’”."
    ),
    Category.APPEARANCE: _(
        "Describe only what identifies the person (clothing, height, hair) or what affected "
        "others, for example “a strong odour kept others from using the table”."
    ),
}

CATEGORY_LABELS = {
    Category.DIAGNOSIS: _("diagnosis"),
    Category.HOUSING: _("housing"),
    Category.ADDICTION: _("addiction"),
    Category.CHARACTER: _("character"),
    Category.APPEARANCE: _("appearance"),
}

# Spanish adjectives take -o/-a/-os/-as; "(?:o|a|os|as)" covers them.
_G = r"(?:o|a|os|as)"
WORDS = {
    Category.DIAGNOSIS: [
        r"schizo(?:phrenic)?s?",
        r"psychotic",
        r"psychos?",
        r"bipolar",
        r"crazy",
        r"insane",
        r"mentally ill",
        r"paranoid",
        r"deranged",
        r"lunatics?",
        r"nut ?jobs?",
        r"mental case",
        rf"esquizofr[ée]nic{_G}",
        rf"psic[óo]tic{_G}",
        rf"loc{_G}",
        r"dementes?",
        rf"enferm{_G} mental(?:es)?",
        rf"paranoic{_G}",
        rf"trastornad{_G}",
        rf"chiflad{_G}",
    ],
    Category.HOUSING: [
        r"homeless",
        r"vagrants?",
        r"transients?",
        r"bums?",
        r"hobos?",
        r"street (?:person|people)",
        r"squatters?",
        r"indigentes?",
        rf"vagabund{_G}",
        r"sin techo",
        r"sin hogar",
        rf"pordioser{_G}",
        rf"mendig{_G}",
        r"sintecho",
    ],
    Category.ADDICTION: [
        r"junkies?",
        r"addicts?",
        r"crackheads?",
        r"alcoholics?",
        r"druggies?",
        r"tweakers?",
        r"stoners?",
        r"(?:a|the) drunk",
        r"drunks",
        rf"drogadict{_G}",
        rf"adict{_G}",
        rf"borrach{_G}",
        rf"alcoh[óo]lic{_G}",
        r"yonquis?",
        r"drogatas?",
    ],
    Category.CHARACTER: [
        r"rude",
        r"aggressive",
        r"hostile",
        r"belligerent",
        r"creepy",
        r"creeps?",
        r"weirdos?",
        r"weird",
        r"entitled",
        r"nasty",
        r"troublemakers?",
        r"problem patrons?",
        r"lazy",
        r"crazy",
        rf"groser{_G}",
        r"agresiv(?:o|a|os|as)",
        rf"maleducad{_G}",
        rf"problem[áa]tic{_G}",
        rf"rar{_G}",
        r"hostil(?:es)?",
        rf"floj{_G}",
    ],
    Category.APPEARANCE: [
        r"dirty",
        r"smelly",
        r"filthy",
        r"dishevel+ed",
        r"unkempt",
        r"scruffy",
        r"sketchy",
        r"shady",
        r"stinky",
        r"gross",
        rf"suci{_G}",
        rf"apestos{_G}",
        rf"mugros{_G}",
        rf"desaliñad{_G}",
        rf"harapient{_G}",
        r"mal aspecto",
        rf"sospechos{_G}",
    ],
}

_PATTERNS = [
    (category, re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])", re.IGNORECASE))
    for category, words in WORDS.items()
]


@dataclass(frozen=True)
class Flag:
    term: str
    category: str
    start: int
    end: int

    @property
    def suggestion(self) -> str:
        return str(SUGGESTIONS[self.category])

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS[self.category])

    @property
    def key(self) -> str:
        return f"{self.category}|{self.term.lower()}"


def check(text: str) -> list[Flag]:
    """Every label or judgement in `text`, in the order they appear (one flag per occurrence)."""
    flags = []
    taken: list[range] = []
    for category, pattern in _PATTERNS:
        for match in pattern.finditer(text or ""):
            span = range(match.start(), match.end())
            if any(match.start() in r for r in taken):
                continue  # "crazy" is listed twice; the first category wins
            taken.append(span)
            flags.append(Flag(term=match.group(0), category=category, start=match.start(), end=match.end()))
    return sorted(flags, key=lambda f: f.start)


def parse_keys(values) -> set[tuple[str, str]]:
    """The (category, term) pairs posted back by the form, ignoring anything that is not one of ours."""
    pairs = set()
    for value in values:
        category, _sep, term = str(value).partition("|")
        if category in SUGGESTIONS and term and len(term) <= 60:
            pairs.add((category, term.lower()))
    return pairs
