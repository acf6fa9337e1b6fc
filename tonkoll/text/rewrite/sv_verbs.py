"""Swedish verbs for the passive rewrites: active forms from an s-passive, and who usually acts.

A small hand-made table (verbs that appear in the city's posts) plus the regular rules of
conjugation 1 (-ar) and 2 (-er/-de/-te). A passive the table does not know is analysed only when
its form can only be conjugation 1 (-ades, -ats, -eras): "öppnas" could be öppna or öppnar,
"stängas" stänga or stänger, and guessing wrong gives a wrong word, so anything else is refused.
"""

from __future__ import annotations

from typing import NamedTuple


class Verb(NamedTuple):
    inf: str
    pres: str
    pret: str
    sup: str
    imp: str

    def form(self, tag: str) -> str:
        return {"inf": self.inf, "pres": self.pres, "pret": self.pret, "sup": self.sup,
                "imp": self.imp}[tag]


def _first(inf: str) -> Verb:
    return Verb(inf, inf + "r", inf + "de", inf + "t", inf)


def _second(inf: str) -> Verb:
    stem = inf[:-1]
    pres = stem if stem.endswith("r") else stem + "er"
    if stem.endswith("nd"):
        return Verb(inf, pres, stem + "e", stem[:-1] + "t", stem)
    pret = stem + ("te" if stem[-1] in "ptksx" else "de")
    return Verb(inf, pres, pret, stem if stem.endswith("t") and stem[-2] not in "aeiouyåäö"
                else stem + "t", stem)


_FIRST = (
    "öppna återöppna lämna skicka hämta betala boka avboka bifoga signera underteckna kontakta "
    "sortera laga åtgärda måla pröva granska behandla flytta ändra spärra sanda salta ploga sopa "
    "rensa städa besvara svara anordna bevilja ladda koppla tvätta spara förnya meddela anpassa "
    "dela avveckla starta stoppa testa låna fira visa uppmärksamma påbörja börja avsluta nyttja "
    "besiktiga utbilda bemanna asfaltera skotta gallra plocka mata vänta kolla titta stanna "
    "cykla tacka avverka"
).split()
_SECOND = (
    "stänga ställa köpa läsa höja sänka söka ansöka ringa klippa släcka tända sända använda "
    "märka röja slänga följa bygga inviga anmäla fylla förlänga hyra köra höra lösa byta "
    "kräva tänka åka undersöka"
).split()
# inf pres pret sup imp, for the verbs the rules above get wrong.
_OTHER = """
tömma tömmer tömde tömt töm
glömma glömmer glömde glömt glöm
ta tar tog tagit ta
göra gör gjorde gjort gör
ge ger gav gett ge
se ser såg sett se
dra drar drog dragit dra
sätta sätter satte satt sätt
ersätta ersätter ersatte ersatt ersätt
lägga lägger lade lagt lägg
erlägga erlägger erlade erlagt erlägg
handlägga handlägger handlade handlagt handlägg
hålla håller höll hållit håll
skriva skriver skrev skrivit skriv
riva river rev rivit riv
bära bär bar burit bär
stryka stryker strök strukit stryk
bjuda bjuder bjöd bjudit bjud
erbjuda erbjuder erbjöd erbjudit erbjud
sälja säljer sålde sålt sälj
välja väljer valde valt välj
leda leder ledde lett led
utreda utreder utredde utrett utred
föra för förde fört för
genomföra genomför genomförde genomfört genomför
utföra utför utförde utfört utför
införa inför införde infört inför
godkänna godkänner godkände godkänt godkänn
påminna påminner påminde påmint påminn
avslå avslår avslog avslagit avslå
ha har hade haft ha
vara är var varit var
komma kommer kom kommit kom
gå går gick gått gå
hjälpa hjälper hjälpte hjälpt hjälp
undvika undviker undvek undvikit undvik
inleda inleder inledde inlett inled
underhålla underhåller underhöll underhållit underhåll
"""

VERBS: dict[str, Verb] = {}
for _inf in _FIRST:
    VERBS[_inf] = _first(_inf)
for _inf in _SECOND:
    VERBS[_inf] = _second(_inf)
for _line in _OTHER.strip().splitlines():
    _f = _line.split()
    VERBS[_f[0]] = Verb(*_f)
for _inf in ("renovera reparera plantera publicera registrera returnera installera informera "
             "kontrollera planera arrangera organisera inventera utvärdera parkera respektera "
             "fotografera markera prioritera presentera leverera placera").split():
    VERBS[_inf] = _first(_inf)


def _pres_passive(v: Verb) -> str:
    if v.pres == v.inf + "r":  # öppnar → öppnas, tar → tas
        return v.inf + "s"
    if v.pres.endswith("er"):
        stem = v.pres[:-2]
        if stem.endswith("mm"):  # tömmer → töms (but känner → känns)
            stem = stem[:-1]
        return stem + "es" if stem.endswith("s") or len(stem) < 2 else stem + "s"
    return v.pres + "s"  # gör → görs, kör → körs


def _passives(v: Verb) -> list[tuple[str, str]]:
    return [(v.inf + "s", "inf"), (_pres_passive(v), "pres"), (v.pret + "s", "pret"),
            (v.sup + "s", "sup")]


# passive form → [(lemma, tag)]; "öppnas" is both inf and pres, which the context decides.
_PASSIVE: dict[str, list[tuple[str, str]]] = {}
for _v in VERBS.values():
    for _form, _tag in _passives(_v):
        _PASSIVE.setdefault(_form, []).append((_v.inf, _tag))


def analyse_passive(word: str) -> list[tuple[Verb, str]]:
    """[(verb, tag)] for a lower-case s-passive; tag is inf | pres | pret | sup (pres and inf
    may both be returned). [] when the word is not a passive this module can undo."""
    known = _PASSIVE.get(word)
    if known:
        return [(VERBS[lemma], tag) for lemma, tag in known]
    if len(word) < 6:
        return []
    if word.endswith("erades"):
        return [(_first(word[:-3]), "pret")]
    if word.endswith("erats"):
        return [(_first(word[:-2]), "sup")]
    if word.endswith("eras"):
        return [(_first(word[:-1]), "pres"), (_first(word[:-1]), "inf")]
    return []


# Stiff verbs the rewrite replaces by the everyday one (and what goes before the object).
PLAIN: dict[str, tuple[str, str]] = {
    "besvara": ("svara", "på"), "erlägga": ("betala", ""), "påbörja": ("börja", ""),
    "nyttja": ("använda", ""), "genomföra": ("göra", ""), "utföra": ("göra", ""),
}

# Who usually does it in a city's post: the reader (asked to act) or the city ("vi").
READER = frozenset(
    "lämna|lämna in|skicka|skicka in|fylla i|betala|göra|anmäla|hämta|ställa|visa|ta med|boka|"
    "avboka|bifoga|signera|underteckna|returnera|sortera|lägga|slänga|skriva under|ladda upp|"
    "ladda ner|meddela|använda|parkera|koppla|bära|köpa|förnya|läsa|se|låna|följa|respektera|"
    "söka|ansöka|spara|svara på|ringa|ta|fylla|hålla|ha|hämta ut".split("|"))
CITY = frozenset(
    "öppna|återöppna|stänga|stänga av|renovera|bygga|bygga om|reparera|laga|åtgärda|tömma|"
    "plantera|publicera|skicka|skicka ut|börja|avsluta|riva|asfaltera|måla|pröva|granska|"
    "behandla|handlägga|ersätta|byta|byta ut|flytta|ändra|förlänga|höja|sänka|ställa in|inviga|"
    "installera|sätta upp|ta bort|ta fram|röja|sanda|salta|ploga|klippa|sopa|rensa|städa|"
    "kontrollera|spärra|spärra av|informera|registrera|planera|anordna|arrangera|utreda|bevilja|"
    "avslå|godkänna|svara på|göra|skotta|gallra|besiktiga|utvärdera|inventera|"
    "organisera|kontakta|dela ut|hyra ut|erbjuda|bjuda in|välja|testa|starta|stoppa|"
    "sätta|lägga ut|ta emot|hålla|uppmärksamma|fira|utbilda|presentera|prioritera|inleda|"
    "avverka|underhålla|undersöka|betala ut|placera ut|leverera".split("|"))


def is_city(lemma: str, particle: str, tag: str) -> bool:
    """The city usually does it. An -era verb outside the table counts, except in the past tense
    ("Tre personer arresterades": the news reports others' acts in the past)."""
    key = f"{lemma} {particle}".strip()
    return key in CITY or (lemma.endswith("era") and lemma not in READER and not particle
                           and tag != "pret")


def is_reader(lemma: str, particle: str) -> bool:
    return f"{lemma} {particle}".strip() in READER
