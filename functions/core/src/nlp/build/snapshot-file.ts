/** File name of the lexicon snapshot, written beside the compiled lexicon module (lexicon.js). */
export const SNAPSHOT_FILE = "lexicon.snapshot.json";
