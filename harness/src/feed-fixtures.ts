// The documents the feed server (feed-server.ts) answers under /fixtures/: the
// articles, the feeds and sitemaps that list them, the hostile documents, the
// news-site page around an article, and what a correct poller does with each
// fixture. Every absolute link is built from the origin the request came in on,
// so the same documents serve any listener and any Host a test resolves to it.

/** One article of the fixtures. Each article's `names` appear in its title or paragraphs and in no other article's. */
export interface FixtureArticle {
  title: string;
  /** ISO 8601, UTC. */
  published: string;
  section: string;
  /** Where the feeds link it, a path on the server. */
  path: string;
  /**
   * Where a correct poller takes the text from: the page, or the feed's own
   * text when the page must not be fetched (robots.txt disallows it, or the
   * link redirects to a private address).
   */
  textFrom: "page" | "feed";
  /** The page has `<link rel="canonical">` to its normalised URL on the same host. */
  canonical: boolean;
  paragraphs: string[];
  /** The people, organisations and places it names. */
  names: string[];
}

export const ARTICLES: Record<string, FixtureArticle> = {
  "rss-1": {
    title: "Ports & power: Rotterdam bets on an offshore wind hub",
    published: "2025-03-18T07:45:00Z",
    section: "Business",
    path: "/fixtures/articles/rss-1.html",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "The Port of Rotterdam Authority on Monday approved a €1.2 billion plan to turn a disused container terminal into an assembly yard for offshore wind turbines, the largest investment in the harbour's energy business in a decade.",
      "Hendrik Vos, the authority's chief executive, said the yard would handle foundations and blades for up to 80 turbines a year destined for the North Sea. \"Ships that once carried coal will carry the parts of the power stations that replace it,\" he told reporters at the terminal.",
      "The plan depends on a grid connection from the Northsea Grid Company, which has yet to confirm when a new substation near the yard will be finished. Engineers expect the first cable to be laid in late 2026.",
      "Sarah Whitfield, an energy analyst who follows the Dutch and Belgian ports, said the decision put pressure on Antwerp, which has courted the same manufacturers. \"Whoever builds the quay first gets the contracts for the next ten years,\" she said.",
      "Unions at the terminal welcomed the announcement but asked for guarantees that the 400 dock workers still employed there would be retrained rather than laid off.",
    ],
    names: ["Hendrik Vos", "Sarah Whitfield", "Port of Rotterdam Authority", "Northsea Grid Company", "Rotterdam", "Antwerp", "North Sea"],
  },
  "rss-2": {
    title: "Iceland's largest glacier lost a record amount of ice last summer",
    published: "2025-03-17T14:10:00Z",
    section: "Science",
    path: "/fixtures/articles/rss-2.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Vatnajökull, the largest ice cap in Iceland, lost more ice last summer than in any year since measurements began, according to a survey published on Sunday by the Nordic Climate Institute.",
      "The survey team, led by the glaciologist Emily Hart, combined satellite altimetry with stakes drilled into the ice at 60 points. They found that the surface had dropped by an average of 1.8 metres, nearly twice the figure for a typical year.",
      "\"The melt season started three weeks early and ended two weeks late,\" Hart said in Reykjavik, where the findings were presented. \"A few warm weeks do not do this. A whole season does.\"",
      "Jonas Lindahl, a co-author who studies ice sheets in Greenland, said the two regions were responding to the same shift in Atlantic weather patterns, with warm, moist air arriving more often from the south.",
      "The institute plans to repeat the survey every spring and to publish the raw measurements so that other teams can check its calculations.",
    ],
    names: ["Emily Hart", "Jonas Lindahl", "Nordic Climate Institute", "Vatnajökull", "Iceland", "Reykjavik", "Greenland"],
  },
  "rss-3": {
    title: "Rain, records & a photo finish at the Nairobi marathon",
    published: "2025-03-16T11:00:00Z",
    section: "Sport",
    path: "/fixtures/articles/rss-3.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Grace Achieng broke the course record at the Nairobi marathon on Sunday, finishing in 2 hours 19 minutes despite a downpour that flooded parts of the route through the city centre.",
      "The men's race was decided by a photo finish. Peter Mwangi, a 24-year-old from Eldoret running his second marathon, edged ahead of the defending champion in the last metre after the two had run side by side for the final three kilometres.",
      "\"I could not see the line because of the rain,\" Mwangi said afterwards. \"I just kept my head down and hoped.\"",
      "The Kenya Athletics Federation said the times would be submitted for ratification once officials had checked the course measurement, which was altered last year to avoid roadworks.",
    ],
    names: ["Grace Achieng", "Peter Mwangi", "Kenya Athletics Federation", "Nairobi", "Eldoret", "Kenya"],
  },
  "atom-1": {
    title: "Coalition talks in Berlin stall over the budget for rail repairs",
    published: "2025-03-15T18:30:00Z",
    section: "Politics",
    path: "/fixtures/articles/atom-1.html",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "Talks on forming a coalition government in Berlin stalled on Saturday after negotiators failed to agree how much to spend repairing the country's ageing rail network.",
      "Katrin Albers, who leads the Free Citizens Party delegation, said her party would not sign an agreement that relied on new borrowing. \"We can fix the bridges, but not by handing the bill to our grandchildren,\" she said.",
      "Thomas Reinholt, the lead negotiator for the larger partner, countered that hundreds of rail bridges in Bavaria alone were past their planned lifespan and that delays would only raise the cost.",
      "Both sides said they expected to resume talks next week. A coalition needs the support of a majority in the Bundestag before a chancellor can be elected, and no other combination of parties has enough seats.",
    ],
    names: ["Katrin Albers", "Thomas Reinholt", "Free Citizens Party", "Bundestag", "Berlin", "Bavaria"],
  },
  "atom-2": {
    title: "A Lisbon start-up wants to make chips from recycled silicon",
    published: "2025-03-14T09:20:00Z",
    section: "Technology",
    path: "/fixtures/articles/atom-2.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Lusitania Semiconductors, a Lisbon company founded four years ago, said on Friday it had raised €45 million to build a pilot line that turns silicon from scrapped solar panels into wafers for simple chips.",
      "Miguel Carvalho, its founder, said recycled silicon had long been considered too impure for electronics. \"We spent three years on the cleaning step,\" he said. \"The rest is ordinary chemistry.\"",
      "The pilot line will be built in an industrial park outside Porto and is expected to employ 120 people. Ana Sousa, the company's head of operations, said the first wafers would go to makers of power controllers for electric bicycles.",
      "Portugal has few semiconductor companies, and the government has promised tax credits to attract more. Analysts cautioned that the recycled wafers had yet to be tested at scale.",
    ],
    names: ["Miguel Carvalho", "Ana Sousa", "Lusitania Semiconductors", "Lisbon", "Porto", "Portugal"],
  },
  "atom-3": {
    title: "Toronto hospital cuts emergency waits with a nurse-led triage desk",
    published: "2025-03-13T16:05:00Z",
    section: "Health",
    path: "/fixtures/articles/atom-3.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "An emergency department in Toronto has cut its average waiting time by almost an hour since it put experienced nurses, rather than junior doctors, at the front desk, according to figures released on Thursday.",
      "Mount Albert Hospital began the trial in October. Patients are now assessed within 15 minutes of arrival by a senior nurse who can order blood tests and X-rays before a doctor sees them.",
      "\"Most of the waiting used to happen before anyone had decided what the patient needed,\" said Priya Raman, the nurse who designed the scheme. \"Now the tests are done by the time the doctor arrives.\"",
      "Robert Chen, who oversees emergency care for the Ontario Health Network, said the network would study whether the model could work in smaller hospitals across Ontario, where senior nurses are harder to recruit.",
    ],
    names: ["Priya Raman", "Robert Chen", "Mount Albert Hospital", "Ontario Health Network", "Toronto", "Ontario"],
  },
  "json-1": {
    title: "Madrid museum reopens its portrait wing after a five-year restoration",
    published: "2025-03-12T10:00:00Z",
    section: "Culture",
    path: "/fixtures/articles/json-1.html",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "The Museo Nacional del Retrato in Madrid reopened its portrait wing on Wednesday after a five-year restoration that uncovered painted ceilings hidden under layers of plaster.",
      "Lucía Fernández, the museum's director, said the restorers had found the ceilings by accident while replacing the wiring. \"We opened a small hatch to run a cable and saw a painted cloud,\" she said.",
      "The wing now shows 140 portraits, including a group of works on loan from a private collection in Seville that have not been exhibited in public for more than a century.",
      "Carlos Ortega, a historian who advised on the rehang, said the ceilings would change how visitors see the collection. \"The portraits were painted for rooms like these,\" he said. \"For the first time in a long time, they are back where they belong.\"",
      "Admission to the wing will be free for residents of Spain on Sunday afternoons until the end of the year.",
    ],
    names: ["Lucía Fernández", "Carlos Ortega", "Museo Nacional del Retrato", "Madrid", "Seville", "Spain"],
  },
  "json-2": {
    title: "Driverless trains begin trials on a suburban line near Osaka",
    published: "2025-03-11T06:40:00Z",
    section: "Transport",
    path: "/fixtures/articles/json-2.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Kansai Rail Corporation began trials of driverless trains on a suburban line near Osaka on Tuesday, carrying passengers with a staff member on board who can take over in an emergency.",
      "Kenji Watanabe, the company's president, said the trains would run without drivers on the 14-kilometre line from next spring if the trial went well. \"We cannot hire enough drivers for the timetable our passengers expect,\" he said.",
      "Yuki Tanaka, a transport researcher at a university in Kyoto, said the line was a good test because it has no level crossings and few curves. Busier lines, she said, would be much harder.",
      "Rail companies across Japan are struggling to recruit staff as the population ages, and several are experimenting with automation on quieter routes.",
    ],
    names: ["Kenji Watanabe", "Yuki Tanaka", "Kansai Rail Corporation", "Osaka", "Kyoto", "Japan"],
  },
  "news-1": {
    title: "Polish savings bank raises deposit rates as competition for savers heats up",
    published: "2025-03-10T12:15:00Z",
    section: "Economy",
    path: "/fixtures/articles/news-1.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Vistula Savings Bank, one of the largest lenders in Poland, raised the interest it pays on savings accounts on Monday, the third such increase this year.",
      "Marek Nowak, the bank's chief executive, told a press conference in Warsaw that customers had been moving money to rivals offering better rates. \"Savers read the tables now,\" he said. \"Loyalty is not what it used to be.\"",
      "Agnieszka Wójcik, an economist in Kraków, said smaller banks would struggle to match the new rates without raising what they charge for mortgages.",
      "The increase takes effect on the first of next month and applies to existing accounts as well as new ones.",
    ],
    names: ["Marek Nowak", "Agnieszka Wójcik", "Vistula Savings Bank", "Warsaw", "Kraków", "Poland"],
  },
  "news-2": {
    title: "Volunteers pull four tonnes of plastic from the Danube in Budapest",
    published: "2025-03-09T15:30:00Z",
    section: "Environment",
    path: "/fixtures/articles/news-2.html",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "More than 600 volunteers pulled four tonnes of plastic from the banks of the Danube in Budapest on Sunday, in the largest clean-up the city has organised.",
      "Eszter Kovács, who coordinated the volunteers, said most of the waste was bottles and food packaging washed down after spring floods. \"Every flood leaves a line of plastic along the bank, like a tide mark,\" she said.",
      "The Danube Protection Commission, which monitors water quality along the river, said it would analyse samples of the collected plastic to find out where it had come from.",
      "Gábor Szabó, a commission scientist, said similar clean-ups were planned upstream near Vienna in May, so that the two surveys could be compared.",
    ],
    names: ["Eszter Kovács", "Gábor Szabó", "Danube Protection Commission", "Danube", "Budapest", "Vienna"],
  },
  "sitemap-news-1": {
    title: "Drought forces New South Wales farmers to sell breeding stock",
    published: "2025-03-08T08:00:00Z",
    section: "Agriculture",
    path: "/fixtures/articles/sitemap-news-1.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Farmers in New South Wales are selling breeding cattle and sheep at record rates as a drought enters its second year, according to sale yard figures published on Saturday.",
      "Megan O'Brien, who farms 2,000 hectares near Wagga Wagga, said she had sold half her breeding ewes. \"You sell the animals you can't feed, and you hope you can buy them back when it rains,\" she said.",
      "The Murray Farmers Cooperative said the price of hay had tripled since last autumn, and that members were trucking feed from other states at great cost.",
      "Liam Turner, the cooperative's chair, said he would meet officials in Canberra next week to ask for low-interest loans for farmers rebuilding their herds.",
    ],
    names: ["Megan O'Brien", "Liam Turner", "Murray Farmers Cooperative", "New South Wales", "Wagga Wagga", "Canberra"],
  },
  "sitemap-plain-1": {
    title: "Edinburgh schools to teach coding from the age of eight",
    published: "2025-03-07T13:45:00Z",
    section: "Education",
    path: "/fixtures/articles/sitemap-plain-1.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Primary schools in Edinburgh will teach basic programming from the age of eight starting in August, the city's education committee decided on Friday.",
      "Fiona MacLeod, who chairs the committee, said teachers would receive training over the summer. \"We are not trying to turn every child into a software engineer,\" she said. \"We want them to understand the machines they use every day.\"",
      "The lessons were designed with the University of Edinburgh, whose computer scientists tested them in twelve classrooms last year.",
      "Alasdair Grant, a head teacher in Glasgow who took part in the trial, said pupils had been most engaged when they programmed simple robots. Other councils in Scotland are expected to watch the results closely.",
    ],
    names: ["Fiona MacLeod", "Alasdair Grant", "University of Edinburgh", "Edinburgh", "Glasgow", "Scotland"],
  },
  "sitemap-plain-2": {
    title: "Weather satellite launched from Kourou after two delays",
    published: "2025-03-06T21:10:00Z",
    section: "Science",
    path: "/fixtures/articles/sitemap-plain-2.html",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "A weather satellite was launched from Kourou on Thursday night after two delays caused by high winds, the European Launch Consortium said.",
      "The satellite will measure temperature and humidity through the depth of the atmosphere, data that forecasters say will improve warnings of heavy rain. It was built in Toulouse over six years.",
      "\"After two scrubs, you stop believing it will ever go,\" said Claire Dubois, the mission manager, after the satellite separated from its rocket. \"Then suddenly it is gone and very quiet.\"",
      "Antoine Mercier, who directs launches at the spaceport in French Guiana, said the next flight was scheduled for June.",
    ],
    names: ["Claire Dubois", "Antoine Mercier", "European Launch Consortium", "Kourou", "French Guiana", "Toulouse"],
  },
  "relative-1": {
    title: "Olive oil prices fall in Crete after a bumper harvest",
    published: "2025-03-05T09:30:00Z",
    section: "Food",
    path: "/fixtures/articles/relative-1.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Olive oil prices in Crete have fallen by a third since the autumn after the island's best harvest in five years, ending two seasons of record prices.",
      "Nikos Papadakis, who presses oil for about 300 growers near Chania, said the mills had run day and night since November.",
      "The Hellenic Olive Growers Union warned that lower prices would squeeze small farms, whose costs for fuel and labour have kept rising. Eleni Georgiou, the union's spokeswoman, said it would ask Athens for help with insurance.",
      "Exporters welcomed the fall. Greece sells most of its oil in bulk to bottlers abroad, and buyers had begun switching to cheaper blends while prices were high.",
    ],
    names: ["Nikos Papadakis", "Eleni Georgiou", "Hellenic Olive Growers Union", "Crete", "Chania", "Athens", "Greece"],
  },
  "relative-2": {
    title: "Dublin approves a new tram line to the western suburbs",
    published: "2025-03-04T17:00:00Z",
    section: "Cities",
    path: "/fixtures/articles/relative-2.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Dublin City Council approved a 12-kilometre tram line to the western suburbs on Tuesday, ending a decade of debate about how to serve the fastest-growing part of the city.",
      "Siobhán Kelly, the councillor who chairs the transport committee, said the line would carry 40,000 passengers a day. \"People out west have been promised this since before their children were born,\" she said.",
      "The Irish Rail Agency will build the line. Declan Murphy, its director of projects, said construction could start within two years if planning objections were resolved quickly.",
      "Councillors from Galway, which is planning a tram of its own, attended the meeting to learn from the process. No other city in Ireland has approved a new line in the past ten years.",
    ],
    names: ["Siobhán Kelly", "Declan Murphy", "Dublin City Council", "Irish Rail Agency", "Dublin", "Galway", "Ireland"],
  },
  "etag-1": {
    title: "Storm closes ferries and bridges along the coast near Bergen",
    published: "2025-03-03T05:50:00Z",
    section: "Weather",
    path: "/fixtures/articles/etag-1.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "A storm with gusts of up to 140 kilometres an hour closed ferries and bridges along the coast near Bergen on Monday, leaving thousands of commuters stranded.",
      "The Norwegian Meteorological Service issued its highest warning for the coast for the first time this winter and advised people to stay indoors until the evening.",
      "Ingrid Solberg, a forecaster at the service, said the storm had deepened faster than models predicted. \"We moved the warning up twice in one morning,\" she said.",
      "Erik Haugen, who runs a ferry company south of Stavanger, said his boats would resume sailing on Tuesday if the swell dropped. Storms of this strength hit Norway a few times each winter, but rarely this early in the morning rush.",
    ],
    names: ["Ingrid Solberg", "Erik Haugen", "Norwegian Meteorological Service", "Bergen", "Stavanger", "Norway"],
  },
  "forbidden-1": {
    title: "Singapore payments firm expands into Indonesia",
    published: "2025-03-02T10:25:00Z",
    section: "Finance",
    path: "/fixtures/redirect-to-internal/1",
    textFrom: "feed",
    canonical: false,
    paragraphs: [
      "Merlion Payments, a Singapore company that processes card payments for small shops, said on Sunday it would open an office in Jakarta and hire 200 people there this year.",
      "Wei Ling Tan, its chief executive, said shops in Indonesia were moving from cash to phone payments faster than anywhere else in the region.",
      "Arjun Mehta, an analyst who covers payment companies, said the move was risky because local banks already offered cheap alternatives. \"The shops will choose whoever takes the smallest cut,\" he said.",
      "The company expects the new office to break even within three years.",
    ],
    names: ["Wei Ling Tan", "Arjun Mehta", "Merlion Payments", "Singapore", "Jakarta", "Indonesia"],
  },
  "forbidden-2": {
    title: "Solar plant near Ouarzazate adds storage to run through the night",
    published: "2025-03-01T14:00:00Z",
    section: "Energy",
    path: "/fixtures/redirect-to-internal/2",
    textFrom: "feed",
    canonical: false,
    paragraphs: [
      "Saharan Solar Holdings said on Saturday it would add molten-salt storage to its plant near Ouarzazate so that it can supply electricity for seven hours after sunset.",
      "Youssef Benali, the company's engineering director, said the tanks would be the largest of their kind in Morocco. \"The sun sets, but the demand does not,\" he said.",
      "Amina Haddad, who heads a renewable energy programme at a university in Marrakesh, said storage was the main obstacle to relying on solar power in the evenings, when households use the most electricity.",
      "Construction is due to start in the summer and take two years.",
    ],
    names: ["Youssef Benali", "Amina Haddad", "Saharan Solar Holdings", "Ouarzazate", "Marrakesh", "Morocco"],
  },
  "shared-story": {
    title: "Trade ministers agree on a plan to cut tariffs on medical supplies",
    published: "2025-03-19T19:00:00Z",
    section: "World",
    path: "/fixtures/articles/shared-story",
    textFrom: "page",
    canonical: true,
    paragraphs: [
      "Trade ministers meeting in Geneva agreed on Wednesday to cut tariffs on medical supplies such as syringes, gloves and oxygen equipment, after three days of talks.",
      "Helena Marsh, who chaired the meeting for the Alpine Trade Council, said the cuts would be phased in over four years. \"Nobody should pay more for a bandage because it crossed a border,\" she said.",
      "Viktor Petrov, whose delegation had resisted the deal until the last evening, said his government had won an exemption for products made by small firms.",
      "The agreement will be submitted to the United Nations as a model for other regions. Officials in Switzerland, the host country, said the next round of talks would cover medicines.",
    ],
    names: ["Helena Marsh", "Viktor Petrov", "Alpine Trade Council", "United Nations", "Geneva", "Switzerland"],
  },
  "robots-private": {
    title: "Arbitration court in The Hague rules on a shipping dispute",
    published: "2025-03-18T16:40:00Z",
    section: "Law",
    path: "/fixtures/private/robots-private.html",
    textFrom: "feed",
    canonical: false,
    paragraphs: [
      "The International Arbitration Court in The Hague ruled on Tuesday that a shipping company must pay €30 million to a grain trader whose cargo was delayed for five months.",
      "Pieter de Jong, who presided over the panel, said the shipping company had failed to show that the delay was caused by events beyond its control.",
      "Maria Rossi, the grain trader's lawyer, said her client was satisfied. \"The ruling tells carriers that a contract is a contract,\" she said.",
      "The shipping company, which is registered in the Netherlands, said it was studying the decision and had not decided whether to challenge it.",
    ],
    names: ["Pieter de Jong", "Maria Rossi", "International Arbitration Court", "The Hague", "Netherlands"],
  },
  "robots-allowed": {
    title: "Wolf packs in Yellowstone are raising more pups, survey finds",
    published: "2025-03-17T08:05:00Z",
    section: "Wildlife",
    path: "/fixtures/articles/robots-allowed.html",
    textFrom: "page",
    canonical: false,
    paragraphs: [
      "Wolf packs in Yellowstone raised more pups last year than in any year since the 1990s, according to a survey published on Monday by the Yellowstone Wildlife Trust.",
      "Jake Miller, a biologist who has tracked the packs for twenty years, said a mild winter and plentiful elk had helped. \"The pups that were born in spring were still alive in December, which is not usually the case,\" he said.",
      "Rosa Alvarez, who ranches cattle on the border of Wyoming and Montana, said she was worried that more wolves would mean more attacks on livestock outside the park.",
      "The trust said it would fund fencing and guard dogs for ranchers near the park boundary.",
    ],
    names: ["Jake Miller", "Rosa Alvarez", "Yellowstone Wildlife Trust", "Yellowstone", "Wyoming", "Montana"],
  },
};

/** What a correct poller ends up with after polling a fixture. */
export type FixtureExpect =
  | "items" // collects the listed articles
  | "not-modified" // first poll: the items; the next poll, with the validators it kept, gets 304 and collects nothing
  | "gone" // 410: stops polling the source
  | "moved" // permanent redirect: collects the items and stores the new URL (`location`)
  | "retry-later" // 429: collects nothing, polls again no sooner than `retryAfter` seconds
  | "fail"; // collects nothing and records the failure (`failure`), without hanging, exhausting memory, or reading files

export type FixtureKind = "rss" | "atom" | "json-feed" | "news-sitemap" | "sitemap" | "sitemap-index";

export interface Fixture {
  /** The path on the feed server. */
  path: string;
  /** The status of an unconditional GET (before any redirect). */
  status: number;
  /** What parsing finds, when it parses. */
  kind?: FixtureKind;
  expect: FixtureExpect;
  /** The entries the document itself lists, duplicates included. */
  items?: number;
  /** The ARTICLES a correct poller collects from it (through redirects and child sitemaps), each counted exactly once. */
  articles?: string[];
  /** A sitemap index's children, paths on the server. */
  sitemaps?: string[];
  /** A redirect's Location, as sent (a path on the same server). */
  location?: string;
  /** Retry-After, seconds. */
  retryAfter?: number;
  failure?: "timeout" | "too-large" | "unparsable" | "entities";
  /** What it is for. */
  purpose: string;
}

export const FIXTURE_ETAG = '"etag-fixture-v1"';
export const FIXTURE_LAST_MODIFIED = "Mon, 03 Mar 2025 06:00:00 GMT";
/** huge.xml's exact Content-Length. */
export const HUGE_BYTES = 50 * 1024 * 1024;
/** What bomb.xml inflates to: 1,024 gzip members of 1 MiB each. */
export const BOMB_INFLATED_BYTES = 1024 * 1024 * 1024;

export const FIXTURES: Record<string, Fixture> = {
  rss: { path: "/fixtures/rss.xml", status: 200, kind: "rss", expect: "items", items: 3, articles: ["rss-1", "rss-2", "rss-3"], purpose: "RSS 2.0: content:encoded on one item, description on the others, a title with &amp; and one in CDATA" },
  atom: { path: "/fixtures/atom.xml", status: 200, kind: "atom", expect: "items", items: 3, articles: ["atom-1", "atom-2", "atom-3"], purpose: "Atom: summary, content type=html, and an entry whose relative link resolves against its xml:base" },
  jsonFeed: { path: "/fixtures/feed.json", status: 200, kind: "json-feed", expect: "items", items: 2, articles: ["json-1", "json-2"], purpose: "JSON Feed 1.1: content_html on one item, content_text and summary on the other" },
  newsSitemap: { path: "/fixtures/news-sitemap.xml", status: 200, kind: "news-sitemap", expect: "items", items: 2, articles: ["news-1", "news-2"], purpose: "Google News sitemap with news:title and news:publication_date" },
  sitemapIndex: { path: "/fixtures/sitemap-index.xml", status: 200, kind: "sitemap-index", expect: "items", items: 0, sitemaps: ["/fixtures/sitemap-1.xml", "/fixtures/sitemap-2.xml"], articles: ["sitemap-news-1", "sitemap-plain-1", "sitemap-plain-2"], purpose: "a sitemap index: the poller follows both children" },
  sitemap1: { path: "/fixtures/sitemap-1.xml", status: 200, kind: "news-sitemap", expect: "items", items: 1, articles: ["sitemap-news-1"], purpose: "the index's first child, a news sitemap" },
  sitemap2: { path: "/fixtures/sitemap-2.xml", status: 200, kind: "sitemap", expect: "items", items: 2, articles: ["sitemap-plain-1", "sitemap-plain-2"], purpose: "the index's second child, a plain sitemap with lastmod" },
  relative: { path: "/fixtures/relative.xml", status: 200, kind: "rss", expect: "items", items: 2, articles: ["relative-1", "relative-2"], purpose: 'RSS with relative item links ("/fixtures/articles/relative-1.html", "articles/relative-2.html"), resolved against the feed URL' },
  etag: { path: "/fixtures/etag.xml", status: 200, kind: "rss", expect: "not-modified", items: 1, articles: ["etag-1"], purpose: `200 with ETag ${FIXTURE_ETAG} and Last-Modified; 304 without a body to a matching If-None-Match or If-Modified-Since` },
  gone: { path: "/fixtures/gone.xml", status: 410, expect: "gone", purpose: "410 Gone" },
  moved: { path: "/fixtures/moved.xml", status: 301, kind: "rss", expect: "moved", location: "/fixtures/rss.xml", items: 3, articles: ["rss-1", "rss-2", "rss-3"], purpose: "301 to rss.xml: follow it and store the new URL" },
  tempMoved: { path: "/fixtures/temp-moved.xml", status: 302, kind: "atom", expect: "items", location: "/fixtures/atom.xml", items: 3, articles: ["atom-1", "atom-2", "atom-3"], purpose: "302 to atom.xml: follow it, keep the old URL" },
  busy: { path: "/fixtures/busy.xml", status: 429, expect: "retry-later", retryAfter: 120, purpose: "429 with Retry-After: 120" },
  slow: { path: "/fixtures/slow.xml", status: 200, expect: "fail", failure: "timeout", purpose: "the head, then one byte a second until the client goes: the poller's overall timeout must end it" },
  huge: { path: "/fixtures/huge.xml", status: 200, kind: "rss", expect: "fail", failure: "too-large", purpose: `a valid RSS of filler items, ${HUGE_BYTES} bytes with Content-Length: refused at the size cap, not read to the end` },
  bomb: { path: "/fixtures/bomb.xml", status: 200, expect: "fail", failure: "too-large", purpose: `about 1 MB of gzip (Content-Encoding: gzip) inflating to ${BOMB_INFLATED_BYTES} bytes of an RSS head and spaces: the cap applies after inflation` },
  laughs: { path: "/fixtures/laughs.xml", status: 200, expect: "fail", failure: "entities", items: 1, purpose: "billion laughs: nested entities declared in the DOCTYPE. Refuse the document; a parser that ignores the DTD instead must never expand them" },
  xxe: { path: "/fixtures/xxe.xml", status: 200, expect: "fail", failure: "entities", items: 1, purpose: "an RSS with an external entity on file:///etc/passwd: refuse the document, never read the file" },
  malformed: { path: "/fixtures/malformed.xml", status: 200, expect: "fail", failure: "unparsable", purpose: "an RSS cut off in its first item's title: no complete item" },
  forbiddenPages: { path: "/fixtures/forbidden-pages.xml", status: 200, kind: "rss", expect: "items", items: 2, articles: ["forbidden-1", "forbidden-2"], purpose: "items whose links redirect (302) to 0.0.0.0 and ::ffff:0.0.0.0 on this server's port (internalRedirect): the fetcher refuses the redirect, the poller falls back to the item text in the feed, and the server never sees LEAKED_PATH" },
  dupesA: { path: "/fixtures/dupes-a.xml", status: 200, kind: "rss", expect: "items", items: 2, articles: ["shared-story"], purpose: "one story under two spellings (trailing slash, utm_source and a fragment; fbclid): normalised to one URL" },
  dupesB: { path: "/fixtures/dupes-b.xml", status: 200, kind: "rss", expect: "items", items: 1, articles: ["shared-story"], purpose: "the same story again, with an upper-case scheme: counted once across dupes-a and dupes-b" },
  robots: { path: "/fixtures/robots.xml", status: 200, kind: "rss", expect: "items", items: 2, articles: ["robots-private", "robots-allowed"], purpose: "/robots.txt disallows /fixtures/private/ for all agents: robots-private's page is never requested (its text comes from the feed), robots-allowed's page is" },
};

/** /robots.txt */
export const ROBOTS_TXT = "# The fixtures' robots.txt\nUser-agent: *\nDisallow: /fixtures/private/\n";

/** Where a request that got past the fetcher's address check would land (see internalRedirect). */
export const LEAKED_PATH = "/fixtures/leaked/";

/**
 * Where a fixture redirect-to-internal/N sends its client: the unspecified
 * address 0.0.0.0 (and its IPv4-mapped IPv6 form) on this server's port. The
 * fetcher refuses it even with loopback allowed; on Linux it would reach this
 * very server, so a test sees any request that got through (LEAKED_PATH),
 * and nothing leaves the machine either way. Private and metadata addresses
 * are refused in the fetcher's unit tests, with an injected resolver and a
 * connect that fails the test if called.
 */
export function internalRedirect(path: string, port: string): string | undefined {
  if (path === "/fixtures/redirect-to-internal/1") return `http://0.0.0.0:${port}${LEAKED_PATH}1`;
  if (path === "/fixtures/redirect-to-internal/2") return `http://[::ffff:0.0.0.0]:${port}${LEAKED_PATH}2`;
  return undefined;
}

const SITE = "The Loopback Gazette";

/** Text for XML content or attributes: the five predefined entities only. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

/** Text for HTML content or attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** Text in a CDATA section, with any "]]>" split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

export function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const article = (name: string) => ARTICLES[name] as FixtureArticle;

export interface RssItem {
  title: string;
  titleCdata?: boolean;
  link: string;
  guid?: string;
  pubDate?: string;
  /** Escaped text, or raw HTML in CDATA when descriptionCdata. */
  description?: string;
  descriptionCdata?: boolean;
  /** Raw HTML, written in CDATA. */
  contentEncoded?: string;
}

export function rssDocument(channel: { title: string; link: string; self?: string; description: string }, items: RssItem[], prolog = ""): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...(prolog ? [prolog] : []),
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.link)}</link>`,
    ...(channel.self ? [`<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`] : []),
    `<description>${escapeXml(channel.description)}</description>`,
    "<language>en-gb</language>",
  ];
  for (const item of items) {
    lines.push("<item>");
    lines.push(`  <title>${item.titleCdata ? cdata(item.title) : escapeXml(item.title)}</title>`);
    lines.push(`  <link>${escapeXml(item.link)}</link>`);
    if (item.guid) lines.push(`  <guid isPermaLink="false">${escapeXml(item.guid)}</guid>`);
    if (item.pubDate) lines.push(`  <pubDate>${item.pubDate}</pubDate>`);
    if (item.description !== undefined) lines.push(`  <description>${item.descriptionCdata ? cdata(item.description) : escapeXml(item.description)}</description>`);
    if (item.contentEncoded !== undefined) lines.push(`  <content:encoded>${cdata(item.contentEncoded)}</content:encoded>`);
    lines.push("</item>");
  }
  lines.push("</channel>", "</rss>", "");
  return lines.join("\n");
}

/** An RSS item for a fixture article, linked at `link` (default: its path on `origin`), with its first paragraph as the description. */
function rssItem(origin: string, name: string, overrides: Partial<RssItem> = {}): RssItem {
  const a = article(name);
  return { title: a.title, link: `${origin}${a.path}`, guid: `gazette-${name}`, pubDate: rfc822(a.published), description: a.paragraphs[0] as string, ...overrides };
}

function channel(origin: string, path: string, title: string) {
  return { title: `${SITE}: ${title}`, link: `${origin}/fixtures/`, self: `${origin}${path}`, description: `${title} from ${SITE}` };
}

function newsUrl(origin: string, name: string): string {
  const a = article(name);
  return [
    "<url>",
    `  <loc>${escapeXml(origin + a.path)}</loc>`,
    "  <news:news>",
    `    <news:publication><news:name>${SITE}</news:name><news:language>en</news:language></news:publication>`,
    `    <news:publication_date>${a.published.replace("Z", "+00:00")}</news:publication_date>`,
    `    <news:title>${escapeXml(a.title)}</news:title>`,
    "  </news:news>",
    "</url>",
  ].join("\n");
}

function newsSitemap(origin: string, names: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...names.map((n) => newsUrl(origin, n)),
    "</urlset>",
    "",
  ].join("\n");
}

const RSS = "application/rss+xml; charset=utf-8";
const XML = "application/xml; charset=utf-8";

/** The body and media type of a static fixture document at `path`, with absolute links on `origin`; undefined when `path` is not one. */
export function fixtureDocument(path: string, origin: string): { contentType: string; body: string } | undefined {
  const build = DOCUMENTS[path];
  return build ? build(origin) : undefined;
}

const DOCUMENTS: Record<string, (origin: string) => { contentType: string; body: string }> = {
  "/fixtures/rss.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/rss.xml", "Top stories"), [
      rssItem(origin, "rss-1"),
      rssItem(origin, "rss-2", { description: `<p>${escapeHtml(article("rss-2").paragraphs[0] as string)}</p>`, descriptionCdata: true, contentEncoded: paragraphsHtml(article("rss-2").paragraphs) }),
      rssItem(origin, "rss-3", { titleCdata: true }),
    ]),
  }),
  "/fixtures/atom.xml": (origin) => ({ contentType: "application/atom+xml; charset=utf-8", body: atomDocument(origin) }),
  "/fixtures/feed.json": (origin) => ({ contentType: "application/feed+json; charset=utf-8", body: jsonFeed(origin) }),
  "/fixtures/news-sitemap.xml": (origin) => ({ contentType: XML, body: newsSitemap(origin, ["news-1", "news-2"]) }),
  "/fixtures/sitemap-index.xml": (origin) => ({
    contentType: XML,
    body: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      `<sitemap><loc>${escapeXml(origin)}/fixtures/sitemap-1.xml</loc><lastmod>2025-03-08T08:00:00+00:00</lastmod></sitemap>`,
      `<sitemap><loc>${escapeXml(origin)}/fixtures/sitemap-2.xml</loc><lastmod>2025-03-07T13:45:00+00:00</lastmod></sitemap>`,
      "</sitemapindex>",
      "",
    ].join("\n"),
  }),
  "/fixtures/sitemap-1.xml": (origin) => ({ contentType: XML, body: newsSitemap(origin, ["sitemap-news-1"]) }),
  "/fixtures/sitemap-2.xml": (origin) => ({
    contentType: XML,
    body: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...["sitemap-plain-1", "sitemap-plain-2"].map((n) => `<url><loc>${escapeXml(origin + article(n).path)}</loc><lastmod>${article(n).published.slice(0, 10)}</lastmod><changefreq>never</changefreq></url>`),
      "</urlset>",
      "",
    ].join("\n"),
  }),
  "/fixtures/relative.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/relative.xml", "Around the regions"), [
      rssItem(origin, "relative-1", { link: "/fixtures/articles/relative-1.html" }),
      rssItem(origin, "relative-2", { link: "articles/relative-2.html" }),
    ]),
  }),
  "/fixtures/etag.xml": (origin) => ({ contentType: RSS, body: rssDocument(channel(origin, "/fixtures/etag.xml", "Weather"), [rssItem(origin, "etag-1")]) }),
  "/fixtures/forbidden-pages.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/forbidden-pages.xml", "Markets"), [
      rssItem(origin, "forbidden-1", { description: paragraphsHtml(article("forbidden-1").paragraphs) }),
      rssItem(origin, "forbidden-2", { description: paragraphsHtml(article("forbidden-2").paragraphs), descriptionCdata: true }),
    ]),
  }),
  "/fixtures/dupes-a.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/dupes-a.xml", "World"), [
      rssItem(origin, "shared-story", { link: `${origin}/fixtures/articles/shared-story/?utm_source=a#top`, guid: "gazette-shared-story-a" }),
      rssItem(origin, "shared-story", { link: `${origin}/fixtures/articles/shared-story?fbclid=x`, guid: "gazette-shared-story-fb" }),
    ]),
  }),
  "/fixtures/dupes-b.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/dupes-b.xml", "Latest"), [rssItem(origin, "shared-story", { link: `${origin.replace(/^http:/, "HTTP:")}/fixtures/articles/shared-story`, guid: "gazette-shared-story-b" })]),
  }),
  "/fixtures/robots.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/robots.xml", "Members' stories"), [
      rssItem(origin, "robots-private", { description: paragraphsHtml(article("robots-private").paragraphs) }),
      rssItem(origin, "robots-allowed"),
    ]),
  }),
  "/fixtures/laughs.xml": (origin) => {
    const entities = ['  <!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`  <!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const prolog = `<!DOCTYPE rss [\n${entities.join("\n")}\n]>`;
    return { contentType: RSS, body: rssDocument(channel(origin, "/fixtures/laughs.xml", "Laughs"), [{ title: "&lol9;", link: `${origin}/fixtures/articles/laughs.html`, description: "&lol9;" }], prolog).replaceAll("&amp;lol9;", "&lol9;") };
  },
  "/fixtures/xxe.xml": (origin) => ({
    contentType: RSS,
    body: rssDocument(channel(origin, "/fixtures/xxe.xml", "Notes"), [{ title: "Server notes", link: `${origin}/fixtures/articles/xxe.html`, description: "&xxe;" }], '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replaceAll("&amp;xxe;", "&xxe;"),
  }),
  "/fixtures/malformed.xml": (origin) => {
    const whole = rssDocument(channel(origin, "/fixtures/malformed.xml", "Harbour"), [{ title: "Harbour cranes stand idle as the strike enters its second week", link: `${origin}/fixtures/articles/malformed.html`, description: "Cranes stood idle." }]);
    return { contentType: RSS, body: whole.slice(0, whole.indexOf("Harbour cranes stand idle") + "Harbour cranes st".length) };
  },
};

function atomDocument(origin: string): string {
  const entry = (name: string, body: string[], attrs = "", link = `${origin}${article(name).path}`) => {
    const a = article(name);
    return [
      `<entry${attrs}>`,
      `  <title>${escapeXml(a.title)}</title>`,
      `  <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `  <id>tag:gazette.example,2025:${name}</id>`,
      `  <published>${a.published}</published>`,
      `  <updated>${a.published}</updated>`,
      `  <author><name>${escapeXml(a.section)} desk</name></author>`,
      ...body.map((line) => `  ${line}`),
      "</entry>",
    ].join("\n");
  };
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${SITE}: Europe and beyond</title>`,
    `<link rel="self" href="${escapeXml(origin)}/fixtures/atom.xml"/>`,
    `<link rel="alternate" href="${escapeXml(origin)}/fixtures/"/>`,
    "<id>tag:gazette.example,2025:atom</id>",
    `<updated>${article("atom-1").published}</updated>`,
    entry("atom-1", [`<summary type="text">${escapeXml(article("atom-1").paragraphs[0] as string)}</summary>`]),
    entry("atom-2", [`<content type="html">${escapeXml(paragraphsHtml(article("atom-2").paragraphs))}</content>`]),
    entry("atom-3", [`<summary type="html">${escapeXml(`<p>${escapeHtml(article("atom-3").paragraphs[0] as string)}</p>`)}</summary>`], ' xml:base="/fixtures/articles/"', "atom-3.html"),
    "</feed>",
    "",
  ].join("\n");
}

function jsonFeed(origin: string): string {
  const item = (name: string, body: Record<string, string>) => {
    const a = article(name);
    return { id: `${origin}${a.path}`, url: `${origin}${a.path}`, title: a.title, date_published: a.published, authors: [{ name: `${a.section} desk` }], ...body };
  };
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: `${SITE}: Culture and transport`,
    home_page_url: `${origin}/fixtures/`,
    feed_url: `${origin}/fixtures/feed.json`,
    language: "en-GB",
    items: [
      item("json-1", { content_html: paragraphsHtml(article("json-1").paragraphs) }),
      item("json-2", { summary: article("json-2").paragraphs[0] as string, content_text: article("json-2").paragraphs[0] as string }),
    ],
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** A link in a page's "Related stories". */
export interface RelatedLink {
  title: string;
  href: string;
}

/**
 * A news-site page: cookie banner, masthead and navigation, the article,
 * a newsletter box, related stories, comments and a footer. Everything is
 * escaped here; `paragraphs` are plain text.
 */
export function articlePage(page: { site: string; title: string; paragraphs: string[]; published?: string; section?: string; canonical?: string; related: RelatedLink[] }): string {
  const esc = escapeHtml;
  const date = page.published ? new Date(page.published) : undefined;
  const when = date && !Number.isNaN(date.getTime()) ? `<time datetime="${esc(date.toISOString())}">${esc(date.toUTCString().slice(0, 16))}</time>` : "";
  const section = page.section ?? "News";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)} | ${esc(page.site)}</title>
${page.canonical ? `<link rel="canonical" href="${esc(page.canonical)}">\n` : ""}<meta property="og:type" content="article">
<meta property="og:title" content="${esc(page.title)}">
<meta property="og:site_name" content="${esc(page.site)}">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies and similar technologies to remember your preferences, measure how our site is used and show you relevant advertising. You can change your choices at any time.</p>
  <button type="button">Accept all</button> <button type="button">Manage settings</button>
</div>
<header class="masthead">
  <a class="logo" href="/">${esc(page.site)}</a>
  <nav aria-label="Sections">
    <ul>
      <li><a href="/world">World</a></li>
      <li><a href="/politics">Politics</a></li>
      <li><a href="/business">Business</a></li>
      <li><a href="/science">Science</a></li>
      <li><a href="/culture">Culture</a></li>
      <li><a href="/sport">Sport</a></li>
      <li><a href="/opinion">Opinion</a></li>
    </ul>
  </nav>
  <a class="subscribe" href="/subscribe">Subscribe from £1 a week</a>
</header>
<main>
<article class="story">
  <header>
    <p class="kicker">${esc(section)}</p>
    <h1>${esc(page.title)}</h1>
    <p class="byline">By our ${esc(section.toLowerCase())} staff</p>
    ${when}
  </header>
  <div class="story-body">
${paragraphsHtml(page.paragraphs)}
  </div>
  <ul class="share">
    <li><a href="/share/email">Share by email</a></li>
    <li><a href="/share/copy">Copy link</a></li>
  </ul>
</article>
<aside class="newsletter">
  <h2>The morning briefing</h2>
  <p>The day's most important stories, explained, in your inbox before breakfast. Free for every reader.</p>
  <form action="/newsletter" method="post"><label>Email address <input type="email" name="email"></label> <button type="submit">Sign up</button></form>
</aside>
<section class="related">
  <h2>Related stories</h2>
  <ul>
${page.related.map((r) => `    <li><a href="${esc(r.href)}">${esc(r.title)}</a></li>`).join("\n")}
  </ul>
</section>
<section class="comments">
  <h2>Comments (2)</h2>
  <div class="comment"><p class="comment-author">night_owl_77</p><p>Interesting piece, but who is going to pay for all of this in the end?</p></div>
  <div class="comment"><p class="comment-author">reader4821</p><p>I have been saying this for years. Good to see it finally reported properly.</p></div>
  <p><a href="/login">Log in to comment</a></p>
</section>
</main>
<footer>
  <p><a href="/about">About us</a> · <a href="/contact">Contact</a> · <a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> · <a href="/cookies">Cookie settings</a></p>
  <p>© 2025 ${esc(page.site)}. All rights reserved.</p>
</footer>
</body>
</html>
`;
}

const PAGE_ARTICLES = Object.entries(ARTICLES).filter(([, a]) => a.path.startsWith("/fixtures/articles/"));

/** The page of the fixture article served at `path` (any trailing slash and query already removed), with links on `origin`; undefined when there is none. */
export function fixtureArticlePage(path: string, origin: string): string | undefined {
  const found = Object.entries(ARTICLES).find(([, a]) => (a.path === path || a.path === `${path}.html`) && (a.path.startsWith("/fixtures/articles/") || a.path.startsWith("/fixtures/private/")));
  if (!found) return undefined;
  const [name, a] = found;
  const at = PAGE_ARTICLES.findIndex(([n]) => n === name);
  const related = [1, 2, 3].map((k) => PAGE_ARTICLES[(at + k + PAGE_ARTICLES.length) % PAGE_ARTICLES.length] as [string, FixtureArticle]).filter(([n]) => n !== name);
  return articlePage({
    site: SITE,
    title: a.title,
    paragraphs: a.paragraphs,
    published: a.published,
    section: a.section,
    ...(a.canonical ? { canonical: `${origin}${a.path}` } : {}),
    related: related.map(([, r]) => ({ title: r.title, href: r.path })),
  });
}
