// Synthetic news: seeded, any size, with the entities each post was built from.
//
// Posts draw their text from a fixed pool of distinct texts (templates filled
// with well-known names), so the expected counts of a run of any size follow
// from extracting each distinct text once: exact verification at 100k posts
// and more without re-running extraction per post.
import type { LoadPost, PlantedEntity } from "./types.ts";
import { seeded, type Random } from "@newsroom/test-support/random";

const PEOPLE = [
  "Angela Merkel", "Emmanuel Macron", "Joe Biden", "Barack Obama", "Vladimir Putin", "Xi Jinping", "Narendra Modi",
  "Boris Johnson", "Justin Trudeau", "Jacinda Ardern", "Elon Musk", "Bill Gates", "Warren Buffett", "Tim Cook",
  "Taylor Swift", "Lionel Messi", "Serena Williams", "Pope Francis", "Kamala Harris", "Olaf Scholz",
] as const;
const ORGANIZATIONS = [
  "NATO", "the United Nations", "the European Union", "Microsoft", "Google", "Amazon", "Toyota", "Siemens",
  "the World Bank", "the International Monetary Fund", "Harvard University", "the Red Cross", "Goldman Sachs",
  "the World Health Organization", "Greenpeace",
] as const;
const PLACES = [
  "Paris", "Berlin", "London", "Tokyo", "Beijing", "Moscow", "New Delhi", "Washington", "Brussels", "Canada",
  "Brazil", "Kenya", "Australia", "Mexico", "Egypt", "Sweden", "Texas", "California", "Madrid", "Rome",
] as const;

type Slot = "person" | "organization" | "place";
const TEMPLATES: Array<{ text: string; slots: Slot[] }> = [
  { text: "{0} met {1} in {2} on Monday to discuss trade.", slots: ["person", "person", "place"] },
  { text: "Officials from {0} arrived in {1} for talks with {2}.", slots: ["organization", "place", "person"] },
  { text: "In {0}, {1} announced a new partnership with {2}.", slots: ["place", "person", "organization"] },
  { text: "{0} said the agreement with {1} would create jobs in {2}.", slots: ["person", "organization", "place"] },
  { text: "Protesters gathered outside the offices of {0} in {1}.", slots: ["organization", "place"] },
  { text: "{0} praised {1} during a visit to {2}.", slots: ["person", "person", "place"] },
];

export const SYNTHETIC_PUBLICATIONS = ["Synthetic Herald", "The Test Tribune", "Daily Fixture", "Seeded Post", "Mock Chronicle"];

export type SyntheticText = { content: string; planted: PlantedEntity[] };

const vocabulary: Record<Slot, readonly string[]> = { person: PEOPLE, organization: ORGANIZATIONS, place: PLACES };

function sentence(random: Random): SyntheticText {
  const template = random.pick(TEMPLATES);
  const used = new Set<string>();
  const fillers = template.slots.map((slot) => {
    let name = random.pick(vocabulary[slot]);
    while (used.has(name)) name = random.pick(vocabulary[slot]); // distinct names within a sentence
    used.add(name);
    return { type: slot, name };
  });
  const text = template.text.replace(/\{(\d)\}/g, (_, i: string) => fillers[Number(i)]!.name);
  return { content: text.charAt(0).toUpperCase() + text.slice(1), planted: fillers.map(({ type, name }) => ({ type, name: name.replace(/^the /, "") })) };
}

/** The pool of distinct texts: 1-3 sentences each. */
export function syntheticTexts(seed: number, size = 2_000): SyntheticText[] {
  const random = seeded(seed);
  const seen = new Set<string>();
  const texts: SyntheticText[] = [];
  for (let attempts = 0; texts.length < size && attempts < size * 20; attempts++) {
    const parts = Array.from({ length: 1 + random.int(3) }, () => sentence(random));
    const content = parts.map((p) => p.content).join(" ");
    if (seen.has(content)) continue;
    seen.add(content);
    texts.push({ content, planted: parts.flatMap((p) => p.planted) });
  }
  return texts;
}

export type SyntheticOptions = { seed?: number; posts: number; publications?: readonly string[]; pool?: number };

/**
 * `posts` posts spread over the publications; post i uses text `textIndex[i]`
 * of the pool. Yields lazily, so 100k+ posts cost no memory up front.
 */
export function* syntheticPosts(options: SyntheticOptions): Generator<LoadPost & { textIndex: number }> {
  const seed = options.seed ?? 1;
  const publications = options.publications ?? SYNTHETIC_PUBLICATIONS;
  const pool = syntheticTexts(seed, options.pool);
  const random = seeded(seed ^ 0x9e3779b9);
  for (let i = 0; i < options.posts; i++) {
    const textIndex = random.int(pool.length);
    yield {
      publication: publications[random.int(publications.length)]!,
      content: pool[textIndex]!.content,
      id: `syn-${seed}-${i}`,
      textIndex,
    };
  }
}
