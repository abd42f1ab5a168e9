"""The PLOVER vocabulary: event types, modes, contexts, sectors, and sitroom's trigger lexicon.

The lexicon is sitroom's own, written from the PLOVER codebook and the CAMEO-to-PLOVER table:
each CAMEO verb category was read for the English verbs and nouns that report it, and those words
are listed here under the PLOVER type and mode they map to. Entries are keyed by lemma so the
coder looks a token up in one dict access.

Table rows read ``lemma  EVENT[:mode]  [options]`` where the options are
    ctx=NAME     default context for the trigger
    prt=a|b      the verb needs one of these particles / prepositions ("call on", "pull out")
    obj=SET      the verb needs an object from a named word set below, or a comma list
    noobj=SET    the verb must not have an object from that set
    frame        the trigger governs another event ("urged X to withdraw", "refused to meet"):
                 that event sets the mode and is not coded on its own
    rec          code only when a recipient is found ("spoke with X", not "spoke on TV")
    swap         the subject is the host: the visitor (object) becomes the actor
    trans        the verb needs a direct object ("returned the paintings to", not "returned to")
    weak         an ambiguous word: lower confidence
    intent       a reprisal word ("retaliate", "countermeasures"): a threat only when stated as
                 intended (future, conditional, or governed by "warn" / "vow"), else not coded
Several rows may share a lemma; the first whose conditions hold is used.
"""

from __future__ import annotations

from dataclasses import dataclass

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
"""Quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal / 4 material conflict."""

SCALE = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}  # fmt: skip
"""The codebook's conflict-cooperation score of each type (its mode-free value)."""

MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    ),
}  # fmt: skip

CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
)  # fmt: skip

SECTORS = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
)  # fmt: skip

# Types a sentence may report without naming who acted ("a car bomb killed five").
ACTORLESS_OK = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})

# The codebook folds future cooperation into AGREE and announced retreats into CONCEDE. A
# meeting or visit reported as scheduled stays CONSULT (with the future flag); promises to meet
# are already AGREE through their "agree" / "promise" frame.
FUTURE_FOLD = {"SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
               "RETREAT": "CONCEDE"}  # fmt: skip

# Named word sets used by `obj=` gates and by the coder.
WORDS: dict[str, frozenset[str]] = {
    name: frozenset(text.split())
    for name, text in {
        "aid": "aid assistance help support weapon arm ammunition munition fund funding money "
        "loan grant credit equipment supply food medicine vaccine relief shelter tent "
        "asylum refuge missile tank jet system package donation dollar euro million billion "
        "troop soldier personnel doctor observer peacekeeper firearm rifle gun vehicle "
        "training equipment drug supplies item blanket clothing fuel grain dose team expert "
        "helicopter boat ambulance",
        "agreement": "agreement deal treaty accord pact memorandum declaration contract "
        "protocol charter convention resolution communique",
        "captives": "@person prisoner hostage detainee captive activist journalist dissident "
        "soldier people man woman child citizen national sailor crew member opponent leader critic "
        "politician student protester worker fisherman tourist aid-worker follower member "
        "suspect crewman vessel ship boat tanker trawler body remains",
        "troops": "troop soldier force army unit battalion brigade division personnel "
        "reservist marine paratrooper",
        "weapons": "missile warship ship tank weapon jet aircraft plane bomber submarine "
        "artillery launcher rocket drone carrier destroyer frigate vessel system",
        "police": "police officer policeman gendarme riot",
        "ties": "tie relation relationship contact talk negotiation aid assistance funding "
        "cooperation membership trade export import flight agreement deal participation treaty "
        "accord pact "
        "program programme mission support payment",
        "claims": "claim report allegation accusation charge criticism speculation rumour rumor "
        "suggestion",
        "proposals": "call demand idea "
        "proposal criticism suggestion speculation rumour rumor concern warning plan offer "
        "request bid appeal suggestion",
        "verdicts": "conviction sentence verdict ruling",
        "diplomats": "diplomat ambassador envoy attache consul staff embassy",
        "diplomats_or_staff": "diplomat ambassador envoy attache consul staff embassy peacekeeper "
        "observer monitor inspector mission ngo",
        "projectiles": "missile rocket shell mortar shot bullet round salvo gun weapon "
        "artillery grenade",
        "restrictions": "sanction restriction ban curfew embargo blockade siege tariff "
        "measure limit control curb emergency lockdown quarantine moratorium law rule",
        "access": "access entry aid inspector observer monitor worker delivery convoy "
        "peacekeeper journalist",
        "meetings": "meeting talk visit summit trip negotiation conference session",
        "labour": "worker union employee teacher doctor nurse driver staff miner pilot "
        "farmer labourer laborer",
        "intel": "intelligence information data evidence",
        "deal": "deal agreement accord bargain compromise truce ceasefire cease-fire armistice",
        # the documents that complete a treaty step (joining NATO, ratifying a convention)
        "instruments": "instrument ratification accession",
        "meet_noobj": "demand target need requirement deadline standard expectation criterion goal "
        "obligation condition threshold end fate death",
        "host_noobj": "event game match tournament olympics festival show party conference "
        "summit cup concert exhibition",
        "recognize_obj": "independence government state sovereignty statehood annexation election "
        "result authority president leader",
        "withdraw_obj": "agreement talk negotiation organization organisation alliance union "
        "council bloc group race election mission membership program programme "
        "pact treaty deal accord",
        "seek_obj": "help aid assistance support asylum talk meeting ceasefire release extradition "
        "compensation clarification explanation apology",
        "demonstrate_noobj": "ability capability commitment strength power resolve support "
        "will need way skill that",
        "freeze_obj": "asset account aid funding fund payment talk relation tie cooperation",
        "shut_obj": "newspaper website internet station channel outlet paper network service site "
        "platform",
        "execute_noobj": "plan order strategy program programme trade contract deal warrant task",
        "trainees": "troop soldier pilot officer police recruit cadet guard personnel force",
        "return_noobj": "fire call favor favour serve ball visit home power office normal "
        "normalcy calm",
        "accept_obj": "invitation offer proposal plan formula deal agreement demand request "
        "mediation ceasefire truce condition term compromise settlement apology resignation "
        "peace",
        "visitors": "@person ambassador envoy delegation minister president leader premier "
        "chancellor secretary official diplomat counterpart king prince emir delegate",
        "defend_noobj": "itself themselves himself herself ourselves city town village position "
        "border base territory line title seat "
        "home homeland champion record frontier post",
        "open_obj": "border crossing embassy consulate airport port road route corridor airspace",
        "fight_noobj": "corruption crime poverty disease fire virus pandemic epidemic inflation "
        "battle case charge climate change terrorism extremism drug",
    }.items()
}
# Withdrawing peacekeepers, observers or aid staff reduces relations (SANCTION), it is no retreat.
WORDS["ties_or_staff"] = WORDS["ties"] | WORDS["diplomats_or_staff"]


@dataclass(frozen=True)
class Trigger:
    """One reading of a trigger word: the event it reports and when it applies."""

    event: str
    mode: str | None = None
    context: str | None = None
    particles: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    frame: bool = False
    needs_recipient: bool = False
    swap: bool = False
    weak: bool = False
    transitive: bool = False
    intent: bool = False


# Verbs. Lemmas are lower case; particles are matched on prt / prep children of the verb.
VERB_TABLE = """
# CONSULT
meet        CONSULT    noobj=meet_noobj
visit       CONSULT:visit
host        CONSULT:visit  swap  noobj=host_noobj
confer      CONSULT    rec
consult     CONSULT
negotiate   CONSULT    ctx=diplomatic
phone       CONSULT:phone
telephone   CONSULT:phone
call        REQUEST    prt=on|upon|for  frame
speak       CONSULT    prt=with|to  rec
talk        CONSULT    prt=with  rec
discuss     CONSULT    prt=with  rec
mediate     CONSULT:third-party  ctx=diplomatic
convene     CONSULT:multilateral  weak
receive     CONSULT:visit  swap  obj=visitors
# SUPPORT
praise      SUPPORT
defend      SUPPORT    weak  noobj=defend_noobj
establish   SUPPORT    obj=ties  ctx=diplomatic
restore     SUPPORT    obj=ties  ctx=diplomatic
normalize   SUPPORT    obj=ties  ctx=diplomatic
normalise   SUPPORT    obj=ties  ctx=diplomatic
upgrade     SUPPORT    obj=ties  ctx=diplomatic
commend     SUPPORT
endorse     SUPPORT
welcome     SUPPORT
applaud     SUPPORT
hail        SUPPORT
laud        SUPPORT
congratulate SUPPORT
thank       SUPPORT    weak
back        SUPPORT    weak  noobj=down,away,off
support     SUPPORT
recognize   SUPPORT    obj=recognize_obj   ctx=diplomatic
recognise   SUPPORT    obj=recognize_obj   ctx=diplomatic
sign        SUPPORT    obj=agreement
ratify      SUPPORT
forgive     SUPPORT    weak
# AGREE
agree       AGREE      frame
pledge      AGREE      frame
promise     AGREE      frame
offer       AGREE      frame
vow         AGREE      frame
commit      AGREE      prt=to  frame
propose     AGREE      weak
invite      AGREE      weak
strike      AGREE      obj=deal
reach       AGREE      obj=deal
accept      AGREE      obj=accept_obj
# CONCEDE
apologize   CONCEDE
apologise   CONCEDE
pardon      CONCEDE    ctx=legal
acquit      CONCEDE    ctx=legal
concede     CONCEDE    weak
regret      CONCEDE    weak
# COOPERATE
cooperate   COOPERATE
collaborate COOPERATE
extradite   COOPERATE  ctx=legal
share       COOPERATE  obj=intel  ctx=intelligence
exchange    COOPERATE  obj=intel  ctx=intelligence
partner     COOPERATE  weak
# AID
aid         AID
assist      AID
donate      AID
fund        AID        ctx=economic
finance     AID        ctx=economic
rescue      AID
evacuate    AID        weak
provide     AID        obj=aid
distribute  AID        obj=aid
earmark     AID        obj=aid  ctx=economic
hand        SUPPORT    obj=instruments  ctx=diplomatic
deposit     SUPPORT    obj=instruments  ctx=diplomatic
hand        RETREAT:disarm  prt=over  obj=weapon,arm
hand        COOPERATE  prt=over  obj=suspect,fugitive  ctx=legal
hand        AID        prt=over  obj=aid
train       COOPERATE  obj=trainees  ctx=military  weak
supply      AID        obj=aid
deliver     AID        obj=aid
give        AID        obj=aid  weak
send        MOBILIZE:troops  obj=troops  weak
send        AID        obj=aid
grant       AID        obj=aid
allocate    AID        obj=aid  weak
deploy      AID        obj=observer,monitor,peacekeeper,doctor,medic,rescuer,team,expert
deploy      MOBILIZE:weapons  obj=weapons
deploy      MOBILIZE:police   obj=police
deploy      MOBILIZE:troops
# RETREAT
withdraw    SANCTION:withdraw  obj=ties_or_staff
withdraw    SANCTION:withdraw  prt=from  obj=withdraw_obj
withdraw    RETREAT:withdraw
pull        RETREAT:withdraw   prt=out|back
retreat     RETREAT:withdraw
release     RETREAT:release   obj=captives
free        RETREAT:release   obj=captives
let         RETREAT:release   prt=free  obj=captives
return      RETREAT:disarm    obj=weapon,arm  trans
return      RETREAT:release   prt=to  noobj=return_noobj  trans
lay         RETREAT:disarm    prt=down  obj=weapon,arm
resign      RETREAT:resign
step        RETREAT:resign    prt=down|aside
quit        RETREAT:resign    weak
disarm      RETREAT:disarm    ctx=military
demobilize  RETREAT:disarm    ctx=military
surrender   RETREAT:disarm    weak
cede        RETREAT:withdraw  ctx=territory
lift        RETREAT           obj=restrictions
ease        RETREAT           obj=restrictions
repatriate  RETREAT:release   ctx=migration
reopen      RETREAT:access    obj=open_obj
open        RETREAT:access    obj=open_obj
remove      RETREAT           obj=restrictions
end         RETREAT           obj=restrictions  weak
allow       RETREAT:access    obj=access  weak
# REQUEST
urge        REQUEST    frame
demand      REQUEST    frame
request     REQUEST    frame
appeal      REQUEST    prt=to|for  frame
ask         REQUEST    frame  weak
press       REQUEST    prt=for  frame  weak
plead       REQUEST    frame
implore     REQUEST    frame
seek        REQUEST    obj=seek_obj  weak
order       REQUEST    frame  weak
summon      ACCUSE:disapprove  obj=diplomats  ctx=diplomatic
# ACCUSE
accuse      ACCUSE:allege
allege      ACCUSE:allege
blame       ACCUSE:allege
condemn     ACCUSE:disapprove
criticize   ACCUSE:disapprove
criticise   ACCUSE:disapprove
denounce    ACCUSE:disapprove
decry       ACCUSE:disapprove
deplore     ACCUSE:disapprove
slam        ACCUSE:disapprove  weak
lambast     ACCUSE:disapprove
censure     ACCUSE:disapprove
rebuke      ACCUSE:disapprove
complain    ACCUSE:disapprove  weak
charge      ACCUSE:allege  prt=with  ctx=legal
charge      ACCUSE:allege  noobj=fee,price,battery,rate,interest  ctx=legal  weak
indict      ACCUSE:allege  ctx=legal
sue         ACCUSE:allege  ctx=legal
prosecute   ACCUSE:allege  ctx=legal
investigate ACCUSE:investigate
probe       ACCUSE:investigate
# REJECT
reject      REJECT     noobj=claims
refuse      REJECT     frame
decline     REJECT     frame  obj=offer,invitation,request,proposal,call,demand,plan,bid,appeal
dismiss     REJECT     obj=proposals
veto        REJECT:change
rebuff      REJECT
spurn       REJECT
defy        REJECT:yield
oppose      REJECT     weak
cancel      REJECT:meet  obj=meetings
call        REJECT:meet  prt=off  obj=meetings
# THREATEN
threaten    THREATEN   frame
warn        THREATEN   frame  weak
retaliate   THREATEN   intent
punish      THREATEN   intent
respond     THREATEN   intent  weak
# PROTEST
protest     PROTEST:demo
demonstrate PROTEST:demo  noobj=demonstrate_noobj
rally       PROTEST:demo  noobj=support,backing,troops,supporter,ally
march       PROTEST:demo  weak
riot        PROTEST:riot
picket      PROTEST:demo
boycott     PROTEST:boycott
strike      PROTEST:strike  noobj=aid  weak
# SANCTION
sanction    SANCTION:discontinue
embargo     SANCTION:discontinue  ctx=economic
expel       SANCTION:expel  obj=diplomats_or_staff  ctx=diplomatic
expel       COERCE:deport
suspend     SANCTION:discontinue  obj=ties
halt        SANCTION:discontinue  obj=ties
hold        SANCTION:discontinue  prt=in  obj=abeyance
put         SANCTION:discontinue  prt=in  obj=abeyance
place       SANCTION:discontinue  prt=in  obj=abeyance
cut         SANCTION:discontinue  obj=ties
freeze      SANCTION:discontinue  obj=freeze_obj
sever       SANCTION:withdraw  obj=ties
break       SANCTION:withdraw  prt=off  obj=ties
downgrade   SANCTION:withdraw  obj=ties
recall      SANCTION:withdraw  obj=diplomats  ctx=diplomatic
convict     SANCTION:convict  ctx=legal
sentence    SANCTION:convict  ctx=legal
ban         SANCTION:discontinue  obj=import,export,flight,trade,product,good,airline,vessel
ban         COERCE:restrict
# MOBILIZE
mobilize    MOBILIZE:troops
mobilise    MOBILIZE:troops
mass        MOBILIZE:troops  obj=troops
amass       MOBILIZE:troops
station     MOBILIZE:troops  obj=troops  weak
reinforce   MOBILIZE:troops  weak
# COERCE
arrest      COERCE:arrest
detain      COERCE:arrest
jail        COERCE:arrest
imprison    COERCE:arrest
seize       COERCE:seize
confiscate  COERCE:seize
raid        COERCE:seize
occupy      COERCE:seize  ctx=military
annex       COERCE:seize  ctx=territory
capture     COERCE:seize  weak
deport      COERCE:deport
censor      COERCE:censor
restrict    COERCE:restrict  weak
crack       COERCE:restrict  prt=down
evict       COERCE:restrict  ctx=human_security
blockade    COERCE:restrict  ctx=military
hack        COERCE:cyber  ctx=cyber
shut        COERCE:censor  prt=down  obj=shut_obj
# ASSAULT
attack      ASSAULT
assault     ASSAULT
kill        ASSAULT
murder      ASSAULT
assassinate ASSAULT:targeted
execute     ASSAULT:targeted  noobj=execute_noobj
massacre    ASSAULT:targeted
behead      ASSAULT:targeted
lynch       ASSAULT:beat
shoot       ASSAULT:firearms  noobj=film,video,footage,scene,movie
gun         ASSAULT:firearms  prt=down
shell       ASSAULT:heavy-weapons
bomb        ASSAULT:aerial
bombard     ASSAULT:heavy-weapons
pound       ASSAULT:heavy-weapons
fire        ASSAULT:heavy-weapons  obj=projectiles
fire        ASSAULT:heavy-weapons  prt=on|at|into|upon
invade      ASSAULT  ctx=military
abduct      ASSAULT:abduct
kidnap      ASSAULT:abduct
hijack      ASSAULT:abduct
torture     ASSAULT:torture
rape        ASSAULT:sexual
beat        ASSAULT:beat  weak
stab        ASSAULT:primitive
burn        ASSAULT:primitive  weak
destroy     ASSAULT:destroy
demolish    ASSAULT:destroy  ctx=human_security
raze        ASSAULT:destroy
detonate    ASSAULT:explosives
blow        ASSAULT:explosives  prt=up
clash       ASSAULT
fight       ASSAULT  weak  noobj=fight_noobj
storm       ASSAULT
ambush      ASSAULT
wound       ASSAULT  weak
injure      ASSAULT  weak
target      ASSAULT  weak
strike      ASSAULT
"""

# Nouns: an event noun reports the event itself ("an attack on", "talks between").
NOUN_TABLE = """
meeting     CONSULT
talk        CONSULT
summit      CONSULT:multilateral
conference  CONSULT:multilateral  weak
call        REQUEST   prt=for|on
call        CONSULT:phone
phone       CONSULT:phone  weak
conversation CONSULT  weak
visit       CONSULT:visit
trip        CONSULT:visit  weak
negotiation CONSULT   ctx=diplomatic
consultation CONSULT
discussion  CONSULT   weak
dialogue    CONSULT   weak
mediation   CONSULT:third-party  ctx=diplomatic
support     SUPPORT
backing     SUPPORT
praise      SUPPORT
endorsement SUPPORT
tribute     SUPPORT
solidarity  SUPPORT
condolence  SUPPORT
sympathy    SUPPORT   weak
congratulation SUPPORT
gratitude   SUPPORT   weak
recognition SUPPORT   weak
agreement   AGREE
deal        AGREE     weak
pledge      AGREE
promise     AGREE     weak
offer       AGREE     weak
commitment  AGREE     weak
apology     CONCEDE
amnesty     CONCEDE   ctx=legal
pardon      CONCEDE   ctx=legal
cooperation COOPERATE
collaboration COOPERATE
partnership COOPERATE weak
extradition COOPERATE ctx=legal
aid         AID
assistance  AID
donation    AID
relief      AID       weak
asylum      AID       ctx=asylum
rescue      AID
loan        AID       ctx=economic  weak
withdrawal  RETREAT:withdraw
pullout     RETREAT:withdraw
release     RETREAT:release  weak
resignation RETREAT:resign
ceasefire   RETREAT:ceasefire  ctx=military
truce       RETREAT:ceasefire  ctx=military
cease-fire  RETREAT:ceasefire  ctx=military
armistice   RETREAT:ceasefire  ctx=military
demand      REQUEST
request     REQUEST
appeal      REQUEST   weak
plea        REQUEST
ultimatum   THREATEN:relations
accusation  ACCUSE:allege
allegation  ACCUSE:allege
criticism   ACCUSE:disapprove
condemnation ACCUSE:disapprove
complaint   ACCUSE:disapprove  weak
investigation ACCUSE:investigate
probe       ACCUSE:investigate
inquiry     ACCUSE:investigate  weak
lawsuit     ACCUSE:allege  ctx=legal
indictment  ACCUSE:allege  ctx=legal
rejection   REJECT
refusal     REJECT
veto        REJECT:change
threat      THREATEN  weak
countermeasure THREATEN  intent
retaliation THREATEN  intent
reprisal    THREATEN  intent
warning     THREATEN  weak
protest     PROTEST:demo
demonstration PROTEST:demo
rally       PROTEST:demo  weak
riot        PROTEST:riot
march       PROTEST:demo  weak
walkout     PROTEST:strike
boycott     PROTEST:boycott
sanction    SANCTION:discontinue
embargo     SANCTION:discontinue  ctx=economic
tariff      SANCTION:discontinue  ctx=economic  weak
expulsion   SANCTION:expel
conviction  SANCTION:convict  ctx=legal
mobilization MOBILIZE:troops
mobilisation MOBILIZE:troops
deployment  MOBILIZE:troops
buildup     MOBILIZE:troops
exercise    MOBILIZE:troops  weak
drill       MOBILIZE:troops  weak
arrest      COERCE:arrest
detention   COERCE:arrest
crackdown   COERCE:restrict
raid        COERCE:seize
seizure     COERCE:seize
curfew      COERCE:curfew
blockade    COERCE:restrict  ctx=military
siege       COERCE:restrict  ctx=military
occupation  COERCE:seize  weak
annexation  COERCE:seize  ctx=territory
deportation COERCE:deport
censorship  COERCE:censor
cyberattack COERCE:cyber  ctx=cyber
attack      ASSAULT
assault     ASSAULT
offensive   ASSAULT  ctx=military
invasion    ASSAULT  ctx=military
airstrike   ASSAULT:aerial
strike      ASSAULT  weak
bombing     ASSAULT:explosives
shelling    ASSAULT:heavy-weapons
bombardment ASSAULT:heavy-weapons
killing     ASSAULT
massacre    ASSAULT:targeted
assassination ASSAULT:targeted
ambush      ASSAULT
shooting    ASSAULT:firearms
clash       ASSAULT
fighting    ASSAULT
kidnapping  ASSAULT:abduct
abduction   ASSAULT:abduct
torture     ASSAULT:torture
"""

# Adjectives of intent that govern an event like a frame verb ("is willing to send aid").
ADJECTIVES = {
    lemma: Trigger("AGREE", frame=True) for lemma in ("willing", "ready", "prepared", "eager")
}

# Verbs that take an event noun as object and lend it their subject ("held talks",
# "launched an attack", "imposed sanctions"); they are not events themselves.
LIGHT_VERBS = frozenset(
    "hold have conduct launch carry make stage impose pay take attend join host begin start "
    "resume open issue announce mount order continue lead organize organise wage unleash "
    "declare observe implement give express extend reiterate reaffirm voice offer provide "
    "deliver send approve adopt introduce unveil file level lodge bring initiate undertake "
    "step escalate intensify hold arrange chair co-host participate engage".split()
)

# Nouns whose event is re-typed by what modifies them ("hunger strike", "labour strike").
STRIKE_PROTEST = frozenset("hunger general labour labor worker union national nationwide "
                           "teacher doctor nurse rail transport one-day".split())  # fmt: skip

# Words around an ASSAULT that fix its mode, in priority order (first match wins).
ASSAULT_MODE_CUES = (
    ("unconventional", "chemical nuclear sarin chlorine biological radiological nerve"),
    ("suicide-attack", "suicide"),
    ("drone", "drone uav"),
    ("aerial", "airstrike air warplane jet aircraft helicopter bomber aerial"),
    ("heavy-weapons", "artillery tank rocket missile shell shelling mortar howitzer"),
    ("explosives", "bomb bombing ied explosive explosion mine grenade blast car-bomb"),
    ("crowd-control", "tear teargas cannon rubber baton"),
    ("firearms", "gun gunman gunmen gunfire rifle pistol bullet sniper shooting shoot"),
    ("primitive", "knife machete stone rock axe arson stab sword"),
    ("abduct", "abduct kidnap hostage hijack"),
)

# Content words that mark a clear context, checked in the trigger's sentence.
CONTEXT_CUES = (
    ("cbrn", "nuclear chemical biological radiological uranium enrichment"),
    ("cyber", "cyber cyberattack hacker hack ransomware malware"),
    ("terrorism", "terrorist terrorism jihadist extremist"),
    ("military", "military troop soldier army navy naval defence defense warship missile "
     "weapon armed artillery nato airstrike"),
    ("economic", "trade tariff economic economy export import oil gas investment market "
     "finance financial sanction currency bank"),
    ("election", "election vote ballot poll campaign electoral"),
    ("legal", "court judge trial lawsuit prosecutor verdict law"),
    ("health", "health epidemic pandemic virus vaccine disease hospital outbreak"),
    ("migration", "migrant refugee migration asylum displaced"),
    ("human_rights", "rights"),
    ("corruption", "corruption bribery embezzlement graft"),
    ("territory", "sovereignty territory territorial border annexation self-determination"),
    ("environment", "climate pollution emission environmental"),
)  # fmt: skip


def _parse(table: str) -> dict[str, tuple[Trigger, ...]]:
    """Read a trigger table (see the module docstring) into lemma -> readings."""
    lexicon: dict[str, list[Trigger]] = {}
    for raw in table.strip().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        lemma, code, *options = line.split()
        event, _, mode = code.partition(":")
        fields: dict[str, object] = {"event": event, "mode": mode or None}
        for option in options:
            key, _, value = option.partition("=")
            if key == "ctx":
                fields["context"] = value
            elif key == "prt":
                fields["particles"] = frozenset(value.split("|"))
            elif key in ("obj", "noobj"):
                name = "objects" if key == "obj" else "not_objects"
                fields[name] = WORDS.get(value) or frozenset(value.split(","))
            else:
                fields[{"rec": "needs_recipient", "trans": "transitive"}.get(key, key)] = True
        lexicon.setdefault(lemma, []).append(Trigger(**fields))  # type: ignore[arg-type]
    return {lemma: tuple(readings) for lemma, readings in lexicon.items()}


VERBS = _parse(VERB_TABLE)
NOUNS = _parse(NOUN_TABLE)
TRIGGER_LEMMAS = frozenset(VERBS) | frozenset(NOUNS) | frozenset(ADJECTIVES)
ASSAULT_MODES = {w: mode for mode, words in ASSAULT_MODE_CUES for w in words.split()}
CONTEXT_WORDS = {w: ctx for ctx, words in CONTEXT_CUES for w in words.split()}
