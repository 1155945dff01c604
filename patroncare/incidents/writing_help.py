"""Writing help: finds labels and judgements in a narrative and suggests behavioural wording.

It never blocks a report. It looks for words used as labels about diagnosis, housing, addiction, character
or appearance, in English and in Spanish (staff often write in either), and says what to write instead:
what was seen and heard. A word that is also an ordinary description ("loud") is not on the list, and a listed
word about a thing or a service ("a dirty floor", "the homeless shelter", "rara vez") is not flagged. The list
is measured against a labelled set of sentences staff write (tests/data/writing_help_sentences.csv): at least
95 % of the labels caught, at most 5 % of ordinary sentences flagged.
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
        r"paranoid",
        r"deranged",
        r"lunatics?",
        r"nut ?jobs?",
        r"mental case",
        r"mentally (?:ill|unstable|disturbed|challenged)",
        r"off (?:his|her|their|the) (?:meds|medications?)",
        r"autistic",
        r"demented",
        r"(?:has|with) dementia",
        r"manic",
        r"maniacs?",
        r"delusional",
        r"OCD",
        r"ADHD",
        r"retard(?:ed)?",
        r"nut ?cases?",
        r"no se toma (?:la|su|sus) medicaci[óo]n(?:es)?",
        r"sin (?:su |sus )?medicaci[óo]n(?:es)?",
        r"autistas?",
        r"delirando",
        r"delirantes?",
        rf"desequilibrad{_G}",
        r"como una cabra",
        rf"retrasad{_G}",
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
        r"unhoused",
        r"(?:lives|living) (?:in (?:his|her|their|a) (?:car|van|truck|tent)|on the streets?)",
        r"(?:lives|living) under (?:a|the) bridge",
        r"vive en (?:la calle|su (?:coche|carro|auto|furgoneta)|una tienda)",
        r"duerme en (?:la calle|su (?:coche|carro|auto|furgoneta))",
        r"okupas?",
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
        r"(?<!had )(?<!has )(?<!have )drunk(?:s|en)?",
        r"(?:he|she|they|patron|man|woman|guy|person|teen)s? (?:was|were|is|are|got|seemed|looked) "
        r"(?:\w+ )?(?:high|wasted|stoned|tweaking)",
        r"(?:on|high on) (?:drugs|meth|crack|heroin|something)",
        r"stoned",
        r"strung out",
        rf"drogadict{_G}",
        rf"adict{_G}",
        rf"borrach{_G}",
        rf"alcoh[óo]lic{_G}",
        r"yonquis?",
        r"drogatas?",
        rf"drogad{_G}",
        rf"colocad{_G}",
        rf"(?:iba|estaba|está|estaban|venía|llegó) (?:muy |bastante |algo )?bebid{_G}",
        rf"porrer{_G}",
        r"hasta arriba de (?:drogas|alcohol|todo)",
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
        r"obnoxious",
        r"arrogant",
        r"jerks?",
        r"unreasonable",
        r"difficult (?:patron|person|man|woman|customer)s?",
        r"crazy",
        rf"groser{_G}",
        r"agresiv(?:o|a|os|as)",
        rf"maleducad{_G}",
        rf"problem[áa]tic{_G}",
        rf"rar{_G}(?! vez| veces)",
        r"hostil(?:es)?",
        rf"floj{_G}",
        rf"conflictiv{_G}",
        r"prepotentes?",
        rf"(?:es|era|fue|un|una|muy|qué|menudo|menuda) pesad{_G}",
        r"insoportables?",
        rf"malcriad{_G}",
        r"malas? personas?",
        r"(?:muy|fue|es|era|estuvo|estaba|súper) borde",
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
        r"(?:sketchy|suspicious|shady|creepy|dodgy|rough|homeless)[- ]looking",
        rf"guarr{_G}",
        rf"asqueros{_G}",
        rf"cochin{_G}",
        rf"suci{_G}",
        rf"apestos{_G}",
        rf"mugros{_G}",
        rf"desaliñad{_G}",
        rf"harapient{_G}",
        r"mal aspecto",
        rf"sospechos{_G}",
    ],
}

# Where a listed word is about a thing or a service, not a person: "the homeless shelter", "a dirty floor",
# "rara vez", "la silla estaba floja". A flag inside one of these spans is dropped.
_THINGS = (
    r"floors?|tables?|dish(?:es)?|carpets?|rugs?|restrooms?|bathrooms?|windows?|sinks?|toilets?|keyboards?"
    r"|counters?|kitchens?|cups?|mugs?|laundry|water|towels?|chairs?"
)
_COSAS = (
    r"suelos?|mesas?|baños?|platos?|vasos?|tazas?|ventanas?|teclados?|lavabos?|cocinas?|alfombras?|ropa"
    r"|sillas?|patas?|tornillos?|cables?|conexi[óo]n|wifi|red|se[ñn]al|puertas?|tapas?|ruedas?|enchufes?"
    r"|cuerdas?|bater[íi]as?|cajas?"
)
NOT_LABELS = [
    r"homeless (?:shelters?|services|outreach|coalition|liaisons?|programs?|resources?|prevention|count)",
    r"(?:shelters?|services|programs?|resources?|outreach|help) for (?:the )?homeless(?: people)?",
    r"(?:alcoholics|narcotics) anonymous",
    r"alcoh[óo]licos an[óo]nimos",
    rf"(?:{_THINGS})(?:\s+\w+){{0,5}}\s+(?:dirty|filthy|gross)",
    rf"(?:dirty|filthy|gross)\s+(?:\w+\s+)?(?:{_THINGS})",
    r"shady (?:areas?|spots?|corners?|sides?|trees?|benches?|parts?)",
    r"para (?:las )?personas sin (?:hogar|techo)",
    rf"(?:{_COSAS})(?:\s+\w+){{0,5}}\s+(?:suci{_G}|floj{_G}|pesad{_G})",
]
_NOT_LABELS = re.compile(rf"(?<![\w-])(?:{'|'.join(NOT_LABELS)})(?![\w-])", re.IGNORECASE)

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
    # The spans that are about things or services count as taken: nothing inside them is flagged.
    taken: list[range] = [range(m.start(), m.end()) for m in _NOT_LABELS.finditer(text or "")]
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
