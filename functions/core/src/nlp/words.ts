// Hand-written word lists used by the rules: general knowledge about how English
// news text writes names (titles, club prefixes, surname endings, jargon).
import { titles } from "./lexicon.js";

// Sports club prefixes: "FC Basel", "AC Milan", "VfB Stuttgart".
export const CLUB_PREFIX = new Set(["fc", "afc", "cf", "ac", "sc", "sv", "vfb", "vfl", "tsv", "fk", "nk", "sk", "cd", "ud",
  "rc", "rcd", "ssc", "psv", "bsc", "ks", "gks", "olympique", "sporting", "atletico", "atlético", "real", "dynamo", "dinamo"]);

// Known acronyms that are also ordinary words: names only when written in capitals.
export const CAPS_ONLY = new Set(["who", "aids", "nice", "ira", "eta", "cap", "ace"]);

// First words of named events and storms (not people, places or organisations).
export const EVENT_HEADS = new Set(["hurricane", "typhoon", "cyclone", "storm", "tropical", "operation", "battle",
  "battles", "siege", "treaty", "festival", "cup", "championship", "championships", "olympics", "grand"]);

// Last words of names of laws, treaties, prizes and events (not counted entities).
export const MISC_TAILS = new Set(["act", "acts", "accord", "accords", "treaty", "agreement", "doctrine",
  "amendment", "bill", "prize", "award", "awards", "war", "wars", "games", "cup", "championship",
  "championships", "olympics", "festival", "summit", "plan", "program", "programme", "initiative", "day"]);

// Lower-case particles inside personal and place names.
export const PARTICLES = new Set(["de", "da", "del", "della", "di", "do", "dos", "das", "du", "des", "la", "le",
  "van", "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "y"]);

// Words that modify a following title ("Prime Minister", "Foreign Secretary").
export const TITLE_MODIFIERS = new Set([
  "vice", "prime", "first", "former", "late", "deputy", "foreign", "defence", "defense", "finance",
  "interior", "health", "state", "opposition", "chief", "acting", "interim", "assistant", "senior",
  "junior", "lord", "lady", "grand", "crown", "majority", "minority",
]);

export const ALWAYS_TITLE = new Set([...titles].filter((t) => !TITLE_MODIFIERS.has(t)));

// Sentence-initial words that are never the start of a name.
export const STARTERS = new Set([
  "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while", "after",
  "before", "as", "so", "then", "this", "that", "these", "those", "there", "here", "with", "from",
  "by", "to", "of", "since", "although", "though", "because", "under", "over", "during", "despite",
  "according", "meanwhile", "however", "also", "yet", "now", "today", "yesterday", "why", "how",
  "what", "where", "who", "which", "is", "are", "was", "were", "will", "would", "can", "could",
  "should", "my", "our", "his", "her", "their", "its", "your", "i", "we", "you", "he", "she", "it",
  "they", "do", "does", "did", "not", "no", "yes", "all", "some", "many", "most", "both", "each",
  "every", "one", "two", "new", "last", "next", "former", "about", "against", "among", "between",
  "into", "through", "unlike", "like", "via", "per", "even", "just", "only", "still", "rt", "via",
]);

// Capitalised abbreviations that are jargon, units or chat slang, not organisations.
export const ORG_ACRONYM_STOP = new Set([
  "ceo", "cfo", "coo", "cto", "gdp", "tv", "ok", "am", "pm", "usd", "eur", "gbp", "phd", "mp",
  "dj", "mc", "id", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "lol", "omg",
  "rt", "dm", "pc", "ai", "vr", "ar", "hd", "dvd", "cd", "ad", "bc", "ce", "vs", "ft", "mph",
  "km", "kg", "lb", "oz", "mm", "cm", "ml", "hq", "pr", "faq", "ps", "pps", "aka", "diy", "etc",
  "wtf", "idk", "imo", "tbh", "btw", "fyi", "asap", "tba", "tbd", "rip", "nsfw", "ootd", "irl",
  "lmao", "smh", "ftw", "yolo", "ppl", "plz", "thx", "mvp", "ufo", "usb", "gps", "atm", "pin",
  "dna", "rna", "hiv", "aids", "sars", "covid", "ipo", "vip", "tldr", "stfu", "ama", "itt",
  "til", "eli5", "imho", "afaik", "tbt", "gtfo", "lmfao", "rofl", "brb", "jk", "nvm", "ikr", "idc",
  "ily", "omw", "pov", "op", "ootd", "gg", "gl", "hf", "wip", "nsfl", "psa", "fomo", "goat",
  "ngl", "iirc", "tfw", "mfw", "hmu", "icymi", "tl", "dr", "aa", "xd", "uk.", "tba", "com", "sql",
  "tls", "ssl", "api", "sdk", "cpu", "gpu", "ram", "ssd", "os", "ui", "ux", "seo", "qa",
]);

// Job words written in lower case between an employer and a name ("Acme boss Ann Lee").
export const JOB_WORDS = new Set(["executive", "boss", "founder", "co-founder", "owner", "spokesman",
  "spokeswoman", "spokesperson", "chairman", "chairwoman", "analyst", "economist", "manager",
  "coach", "striker", "midfielder", "defender", "goalkeeper", "president", "minister", "leader",
  "secretary", "chancellor", "premier", "governor", "mayor", "senator", "ceo", "chief", "head",
  "director", "adviser", "advisor", "official", "officer", "ambassador", "envoy", "commander",
  "general", "judge", "lawyer", "attorney", "prosecutor", "professor", "researcher", "scientist",
  "reporter", "correspondent", "editor", "star", "singer", "actor", "actress", "rapper", "player",
  "forward", "captain", "skipper", "champion", "counterpart", "rival", "colleague", "deputy"]);

export const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western",
  "upper", "lower", "central", "greater", "northeast", "northwest", "southeast", "southwest", "inner", "outer"]);

// Endings typical of surnames in many languages (Petrenko, Kowalczyk, Ivanova, Popescu,
// Papadopoulos, Hovhannisyan, Yilmazoglu, Jovanovic, Fernandez).
export const SURNAME_ENDING = /(enko|chuk|czuk|czyk|ovich|evich|owicz|ewicz|ovic|evic|ović|ević|escu|opoulos|akis|idis|yan|ian|oglu|oğlu|ov|ova|ev|eva|ski|ska|sky|skaya|dze|shvili|ez|son|sen|sson|stein|berg|mann)$/u;

// Endings of town names in English and neighbouring languages (-burg, -ville, -shire, ...).
export const PLACE_ENDING = /(burg|burgh|bourg|ville|shire|stan|polis|grad|abad|pur|caster|chester|borough|bury|mouth|sund|hafen|heim|ovo|evo)$/u;

// Heads that also name everyday things ("Board Game", "Self Service Garage"): not enough inside ordinary words.
export const LOOSE_HEADS = new Set(["board", "service", "group", "club", "front", "court", "assembly", "movement", "authority"]);

// Words after an acronym that make it a company's or broadcaster's name ("CBS Cable", "BBC Radio", "NBC News").
export const ACRONYM_TAILS = new Set(["cable", "radio", "news", "sports", "sport", "television", "tv", "music", "media",
  "entertainment", "films", "energy", "capital", "financial", "health", "airways", "foods", "world", "america", "europe",
  "international", "global", "online", "digital", "one", "two", "three", "four"]);

/** "School District", "Water Board": a district or board before which these words name a body that runs it. */
export const SERVICE_DISTRICT = new Set(["district", "districts", "board"]);
export const SERVICE_WORDS = new Set(["school", "schools", "water", "fire", "sanitation", "hospital", "library", "transit", "utility"]);

/** Honours and ranks written capitalised beside names, never part of one ("Texas All-State", "All-Time University of Texas"). */
export const HONOURS = new Set(["all-american", "all-americans", "all-state", "all-star", "all-stars", "all-time", "all-conference",
  "all-pro", "all-league", "all-county", "all-city", "all-district", "all-around", "all-region", "all-big"]);

/** Stage-name prefixes that are part of a person's name: "DJ Khaled", "MC Hammer". */
export const STAGE_PREFIX = new Set(["dj", "mc"]);

/** Quotation marks around a nickname inside a name: 'William "Buckshot" May'. */
export const OPEN_QUOTES = new Set(['"', "“"]);
export const CLOSE_QUOTES = new Set(['"', "”"]);

export const PLACE_PREFIX = new Set(["st", "saint", "mount", "mt", "lake", "cape", "fort", "port", "san", "santa", "sierra", "isla", "rio", "lago", "monte", "gulf", "isle", "camp", "river"]);
/** Prefixes that make no place before an ordinary plural: "River Mersey", "River Beam", but the "River Cats" are a team. */
export const LOOSE_PLACE_PREFIX = new Set(["camp", "river"]);

/**
 * Lower-case heads of scientific terms named after a person: "Fermi level", "Higgs boson",
 * "Foucault pendulum", "Richter scale". Before one of these the name is part of a term, not a person.
 */
export const EPONYM_HEADS = new Set(["equation", "equations", "theorem", "lemma", "conjecture", "paradox", "principle",
  "constant", "distribution", "function", "functions", "boson", "bosons", "fermion", "fermions", "level", "levels", "surface",
  "surfaces", "pendulum", "transform", "transformation", "operator", "hamiltonian", "lagrangian", "integral", "integrals",
  "syndrome", "radius", "diagram", "matrix", "inequality", "algorithm", "limit", "scale", "coefficient", "condensate",
  "statistics", "sphere", "spaces", "laureate", "laureates"]);

/**
 * Chat words of social text: contractions written without their apostrophe ("Im", "Ima",
 * "Dont"), interjections and abbreviations ("Yo", "Um", "Thanku", "Pls"). The name lists hold
 * some as rare names ("Im", "Yo"), but capitalised alone they are a post's first word, not a name.
 */
export const CHAT_WORDS = new Set(["im", "ima", "imma", "ive", "youre", "dont", "didnt", "doesnt", "cant", "wont", "isnt",
  "wasnt", "arent", "thats", "whats", "yall", "ya", "yo", "um", "umm", "uh", "hmm", "hmmm", "haha", "hahaha", "lmao", "lmfao",
  "smh", "idk", "idc", "ikr", "bruh", "tho", "thx", "thanku", "thankyou", "ty", "pls", "plz", "ur", "u", "omw", "nah",
  "yea", "yeah", "yup", "yep", "ugh", "aww", "wow", "gonna", "wanna", "gotta", "ppl"]);

export const SPEECH = new Set(["said", "says", "told", "added", "tweeted", "wrote", "argued", "claimed", "insisted",
  "warned", "explained", "stated", "admitted", "denied", "recalled", "asked", "replied", "noted"]);

// Time zones and units: never names when written in capitals in running text or after a
// number ("at 1400 GMT", "a 5 KM race"). Zones that are also words (WEST, CAT) are left out.
export const ZONES_AND_UNITS = new Set([
  "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "pkt", "ict", "wib", "hkt", "jst", "kst", "awst",
  "acst", "aest", "aedt", "nzst", "nzdt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "hst",
  "adt", "brt", "sast", "km", "kms", "kph", "mph", "kg", "kw", "kwh", "mw", "mwh", "gw", "gwh", "twh", "mb", "tb",
  "ghz", "mhz", "khz", "hz", "bpd", "mmbtu", "psi",
]);

// Words right after an organisation's name that name its people or parts ("Acme spokesman",
// "Acme's board", "Acme shares"): an unknown name before them is an organisation.
export const ORG_FRAME_AFTER = new Set([
  "spokesman", "spokeswoman", "spokesperson", "spokespeople", "board", "shareholders", "shares", "stock",
  "employees", "staff", "executives", "headquarters", "subsidiary", "subsidiaries", "chairman", "chairwoman",
  "chief", "ceo", "officials", "lawmakers", "members", "leadership", "stake", "unit", "division", "workers",
  // a band's members: "Deftones frontman Chino Moreno"
  "frontman", "frontwoman", "guitarist", "drummer", "bassist", "keyboardist", "bandmate", "bandmates",
]);

// Phrases right before an organisation's name ("a statement from Acme", "joined Acme").
export const ORG_FRAME_BEFORE = new Set([
  ["statement", "from"], ["statement", "by"], ["spokesman", "for"], ["spokeswoman", "for"], ["spokesperson", "for"],
  ["joined"], ["joining"], ["shares", "of"], ["shares", "in"], ["stake", "in"], ["subsidiary", "of"], ["unit", "of"],
  ["employees", "of"], ["members", "of"], ["works", "for"], ["worked", "for"], ["working", "for"], ["signed", "for"],
  ["signed", "with"], ["chairman", "of"], ["founder", "of"], ["ceo", "of"], ["executive", "of"], ["leader", "of"],
  ["analyst", "at"], ["economist", "at"], ["officials", "at"], ["sued"], ["acquired"], ["merger", "with"],
  ["toured", "with"], ["touring", "with"], ["tour", "with"], ["opened", "for"], ["opening", "for"], ["supporting", "act"],
  ["signed", "to"], ["frontman", "of"], ["guitarist", "of"], ["drummer", "of"], ["bassist", "of"], ["vocalist", "of"],
].map((p) => p.join(" ")));

// Verbs of a sports result between two teams' names ("Barcelona beat Real Madrid").
// Verbs armies and candidates share ("defeated", "crushed") are left out.
export const RESULT_VERBS = new Set(["beat", "beats", "thrashed", "edged", "routed", "trounced", "hammered", "outclassed",
  "drew", "draw", "whipped", "blanked"]);

// Before a club's name in a player's career ("played 26 games for Lausanne", "his debut for Lyon").
export const PLAYED_FOR = new Set(["played for", "plays for", "playing for", "play for", "games for", "appearances for",
  "debut for", "goals for", "scored for", "matches for", "season for", "seasons for", "loan at", "loan to", "loan from",
  "played with", "signed for", "signed with", "signed by", "drafted by", "he coached", "she coached", "and coached", "later coached",
  "then coached", "who coached", "to coach", "to captain", "he captained", "and captained",
  "lost to", "losing to", "loss to", "defeat to", "defeated by", "beaten by", "drew with", "draw with", "win over", "victory over"]);

// After a town's name, the words of a club's: "Chelsea fans", "Madrid's goals", "the Leeds manager",
// "Melbourne player Michael Long", "Lyon coach Ann Lee".
export const CLUB_AFTER = new Set(["fans", "supporters", "goals", "manager", "striker", "strikers", "midfielder", "defender",
  "goalkeeper", "keeper", "winger", "squad", "player", "players", "coach", "captain", "forward", "fullback", "full-back",
  "ruckman", "footballer", "footballers", "teammate", "skipper"]);

// Between two teams' names: "Lyon v Nice", "Lyon vs. Nice".
export const VERSUS = new Set(["v", "v.", "vs", "vs."]);

// Heads of organisation names: "the League", "the Commission" stand for one the article names.
export const ORG_HEADS = new Set(["ministry", "council", "party", "commission", "authority", "court", "front", "movement",
  "union", "corporation", "group", "bank", "agency", "service", "league", "committee", "assembly", "federation",
  "association", "institute", "university", "company", "club", "board", "alliance", "coalition", "foundation", "society"]);

// "Hockey Hall of Fame", "Athletics Hall of Honor": a hall of fame is an organisation, and
// "of" joins "Hall" to these words only (a plain "Hall of ..." is a building or a person).
/** Lines named after their two ends ("Portland and Ogdensburg Railroad", "Basingstoke and Alton Light Railway"). */
export const ROUTE_HEADS = new Set(["railroad", "railway", "canal", "turnpike"]);

export const HALL_OF = new Set(["fame", "honor", "honour"]);

// Kinds of organisation written in lower case right before its name ("the band Deadsy",
// "rebel group Hamas", "record label Def Jam", "Bundesliga side Hertha"): the name is that
// organisation even where a list or a place word typed it otherwise ("the band Madina Lake").
export const ORG_KINDS = new Set([
  "band", "group", "label", "newspaper", "magazine", "tabloid", "broadcaster", "network", "firm", "company",
  "carrier", "airline", "retailer", "club", "side", "outfit", "party", "militia", "charity", "startup",
  "manufacturer", "automaker", "carmaker", "insurer", "lender", "conglomerate", "publisher", "studio", "agency",
  "watchdog", "regulator", "nonprofit", "non-profit", "ngo", "think-tank", "franchise", "chain", "brand", "nightclub",
]);

// Kinds of place in lower case before "of" or after "is a" ("the village of Atwick",
// "Champdor is a commune in ..."): the name is that place. Singular; kinds.ts adds the plurals.
export const PLACE_KINDS = new Set([
  "village", "town", "city", "hamlet", "parish", "municipality",
  "commune", "county", "district", "province", "region", "suburb", "borough", "township", "prefecture",
  "island", "neighbourhood", "neighborhood", "settlement", "locality", "state", "port", "capital",
  "river", "lake", "mountain", "valley", "oblast", "canton", "governorate", "emirate", "republic", "country",
]);
