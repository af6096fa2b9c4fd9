// Lexicons: the data taken from npm packages (build/sources.ts) is read from a
// snapshot that the build writes beside this module (build/snapshot.ts): packed
// hash tables that a new thread wraps as they are, instead of loading compromise
// and five word lists, or building Sets of their ~175,000 words.
// Without a snapshot (a bare tsc) the same tables are packed from the packages, slowly.
// Below the data: short hand-written lists of general knowledge (titles, suffixes).
import { existsSync, readFileSync } from "node:fs";
import { type Lexicon, packLexicon, SNAPSHOT_FILE, unpackLexicon } from "./build/snapshot-file.js";
import type { EntityType } from "./types.js";

const snapshotUrl = new URL(`./${SNAPSHOT_FILE}`, import.meta.url);

/** Where this thread's lexicon data came from: "snapshot" in every built tree. */
export const lexiconOrigin: "snapshot" | "packages" = existsSync(snapshotUrl) ? "snapshot" : "packages";

async function load(): Promise<Lexicon> {
  if (lexiconOrigin === "snapshot") return unpackLexicon(readFileSync(snapshotUrl));
  console.warn(`nlp: ${SNAPSHOT_FILE} missing beside ${import.meta.url}; building the lexicons from packages (slow). Run the build.`);
  return unpackLexicon(packLexicon((await import("./build/sources.js")).buildLexiconData()));
}
const lexicon = await load();

/** The lists, each a lookup table of lower-cased keys: build/sources.ts's LexiconData says what each holds. */
export const { knownNames, firstNames, commonWords, peopleNames, demonyms, cities, rarerWords, companyWords, wellKnownPeople, wellKnownSurnames, phrases } = lexicon;
export const countryNames = lexicon.countries;

/** Titles and honorifics: precede a person's name but are not part of it. */
export const titles = new Set([
  "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
  "president", "vice", "chancellor", "gen", "general", "col", "colonel", "maj", "capt",
  "captain", "lt", "lieutenant", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "sen",
  "senator", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "mayor",
  "minister", "premier", "prime", "secretary", "judge", "justice", "king", "queen", "prince",
  "princess", "duke", "duchess", "emperor", "empress", "pope", "rev", "reverend", "father", "fr", "bishop",
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
  "señor", "herr", "frau", "mme", "mlle", "dona", "don", "famer", "champion",
]);

/** Last words that make a name an organisation (compromise's orgWords plus common ones). */
export const orgSuffixes = new Set([
  ...[...lexicon.orgWords.keys()].filter((w) => w !== "estate"), // an estate is land: placeSuffixes
  "party", "council", "ministry", "group", "corp.", "inc.", "ltd.", "co.", "plc", "ag", "sa", "gmbh",
  "nv", "bv", "ab", "asa", "spa", "llp", "lp", "fc", "afc", "cf", "sc", "united", "city fc",
  "airline", "parliament", "congress", "senate", "assembly", "court", "cabinet", "navy",
  "forces", "force", "guard", "brigade", "regiment", "battalion", "team", "band", "records",
  "command", "fleet", "squadron", "division", "directorate", "ministries", "consortium", "bloc",
  "exchange", "bourse", "front", "organisation", "authority", "services", "coalition", "syndicate",
  "studios", "pictures", "films", "publishing", "publishers", "books", "network",
  "networks", "channel", "broadcasting", "league", "federation",
  "alliance", "movement", "commission", "agency", "institution", "trust", "fund",
  "bancorp", "technologies", "technology", "software", "solutions", "labs", "laboratories",
  "motors", "automotive", "airlines", "railways", "rail", "lines", "express",
  "tribune", "daily", "weekly", "review", "magazine", "gazette", "observer", "guardian",
  "post", "times", "journal", "herald", "chronicle", "telegraph", "mirror", "sun", "standard",
  "sentinel", "inquirer", "courier", "dispatch", "bulletin", "advertiser", "statesman",
  "orchestra", "ensemble", "quartet", "trio", "choir", "singers", "brothers", "sisters", "boys",
  "girls", "kids", "rangers", "athletic", "athletics", "wanderers", "rovers", "albion", "hotspur",
  "nationals", "giants", "lakers", "bulls", "eagles", "tigers", "lions", "bears", "hawks",
  "sharks", "kings", "warriors", "knights", "raiders", "patriots", "jets", "rockets", "celtics",
  "yankees", "dodgers", "cardinals", "saints", "chiefs", "packers", "steelers", "cowboys", "mall", "wing", "telegram",
]);

/** Last words that make a name a place (compromise's placeWords, minus the ambiguous). */
export const placeSuffixes = new Set(
  [...lexicon.placeWords.keys(), "sea", "ocean", "peninsula", "archipelago", "oblast",
    "governorate", "canton", "republic", "emirate", "province", "isles", "square", "boulevard",
    "drive", "highway", "motorway", "route", "station", "harbour", "harbor", "port", "delta",
    "range", "channel", "strip", "parish", "oval", "empire", "courthouse", "raion", "prefecture", "voivodeship",
    "reservoir", "canal", "wharf", "docks", "estuary", "lagoon", "railroad", "railway", "dock", "brook", "pavilion", "rink", "gym", "playfield", "estate"].filter(
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
  "republic", "riding", "kingdom", "gulf", "bay", "isle", "isles", "island", "islands", "cape", "lake", "sea",
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

export { nameConnectors } from "./name-parts.js";

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
  // The chunker joins ", D.C." to Washington (connectorSpan), so both spellings are one place.
  ["washington , dc", { canonical: "Washington, D.C.", type: "place" }],
  ["washington dc", { canonical: "Washington, D.C.", type: "place" }],
]);
