// Names no other suite (or corpus) uses, so counts over all publications on a
// shared stack hold only this run's mentions of them.
import { randomBytes } from "node:crypto";

const CONSONANTS = "bdfgklmnprstvz";
const VOWELS = "aeiou";

/** A pronounceable capitalised word of four syllables ("Bedukafo"). */
function word(): string {
  const b = randomBytes(8);
  let s = "";
  for (let i = 0; i < 4; i++) s += CONSONANTS[b[2 * i]! % CONSONANTS.length]! + VOWELS[b[2 * i + 1]! % VOWELS.length]!;
  return s[0]!.toUpperCase() + s.slice(1);
}

/** A person's name of this run; the extractor tags it a person after a title ("Senator <name>"). */
export const runPersonName = (): string => `${word()} ${word()}`;
