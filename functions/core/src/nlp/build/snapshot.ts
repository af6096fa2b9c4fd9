// Build step: writes the lexicon snapshot beside the compiled lexicon module
// (lib/nlp/ for the deployed code, .test-build/src/nlp/ for the tests), so that
// threads load one packed file instead of the packages. Run by `npm run build`
// and `npm run build:test` in functions/ after tsc.
import { writeFileSync } from "node:fs";
import { packLexicon, SNAPSHOT_FILE } from "./snapshot-file.js";
import { buildLexiconData } from "./sources.js";

const out = new URL(`../${SNAPSHOT_FILE}`, import.meta.url);
const bytes = packLexicon(buildLexiconData());
writeFileSync(out, bytes);
console.log(`nlp: wrote ${out.pathname} (${(bytes.length / 2 ** 20).toFixed(1)} MB)`);
