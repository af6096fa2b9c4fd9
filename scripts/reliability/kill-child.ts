// Fault (c), the worker that dies: handles one multi-chunk message with the
// real handler and extractor against the Firestore emulator, commits its first
// chunk, then stops inside the second chunk's transaction and tells the parent,
// which SIGKILLs it there. Input (JSON on argv[2]): {messageId, data (base64), chunkLimits}.
import { initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { handlePostsMessage } from "../../functions/lib/process/handler.js";
import { extractOnPool } from "../../functions/lib/process/pool.js";

type Input = { messageId: string; data: string; chunkLimits: { maxWrites: number; maxBytes: number } };
const input = JSON.parse(process.argv[2] ?? "{}") as Input;
process.env.METADATA_SERVER_DETECTION ??= "none";
const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }, "kill-child"));

await handlePostsMessage(
  { messageId: input.messageId, data: Buffer.from(input.data, "base64") },
  {
    db,
    extract: (texts) => extractOnPool(texts),
    logger: { info: () => undefined, warn: () => undefined },
    chunkLimits: input.chunkLimits,
    faults: {
      beforeCommit: async ({ chunk, ledgerId }) => {
        if (chunk < 1) return;
        // Second chunk staged, transaction open: wait here for the SIGKILL.
        process.send?.({ blockedIn: ledgerId });
        // A pending promise alone would let Node exit (code 13); a timer keeps it here.
        await new Promise(() => setInterval(() => undefined, 60_000));
      },
    },
  },
);
// Reaching this line means the kill never came.
process.send?.({ finished: true });
process.exit(3);
