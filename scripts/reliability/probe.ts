// What the reliability scenarios read off a running runtime stack: the
// structured lines its instances log, Firestore's windows and articles, and
// Pub/Sub (publishing straight to a topic, as a backlog would build up).
import { openSync, readSync, closeSync, fstatSync } from "node:fs";
import type { Firestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, type BatchDoc } from "@newsroom/core/firestore-schema";

export type LogLine = { instance: string; fields: Record<string, unknown> };

/** Reads the structured (JSON) lines the instances wrote to the stack log after `from` bytes. */
export class StackLog {
  private offset = 0;
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Starts reading from the current end. */
  mark(): void {
    const fd = openSync(this.file, "r");
    this.offset = fstatSync(fd).size;
    closeSync(fd);
  }

  /** Lines since the mark (the mark stays). */
  lines(): LogLine[] {
    const fd = openSync(this.file, "r");
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - this.offset));
    readSync(fd, buf, 0, buf.length, this.offset);
    closeSync(fd);
    const out: LogLine[] = [];
    for (const raw of buf.toString("utf8").split("\n")) {
      const m = /^\[([\w]+#\d+)\] (\{.*\})\s*$/.exec(raw);
      if (!m) continue;
      try {
        out.push({ instance: m[1]!, fields: JSON.parse(m[2]!) as Record<string, unknown> });
      } catch {
        // a line cut by a concurrent write
      }
    }
    return out;
  }

  messages(pattern: RegExp): LogLine[] {
    return this.lines().filter((l) => pattern.test(String(l.fields["message"] ?? "")));
  }
}

/** Publishes raw message bodies to a topic on the Pub/Sub emulator (REST), 100 per call. */
export async function publishRaw(pubsubHost: string, project: string, topic: string, bodies: readonly Buffer[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 100) {
    const res = await fetch(`http://${pubsubHost}/v1/projects/${project}/topics/${topic}:publish`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: bodies.slice(i, i + 100).map((b) => ({ data: b.toString("base64") })) }),
    });
    if (!res.ok) throw new Error(`publish to ${topic}: HTTP ${res.status} ${await res.text()}`);
  }
}

/** Article documents of a publication (counted posts, before any rollup). */
export async function articlesOf(db: Firestore, publication: string): Promise<number> {
  const snap = await db.collection(COLLECTIONS.articles).where("pubKey", "==", publicationKey(publication)).count().get();
  return snap.data().count;
}

/** The newest batches, for watching rollups at work. */
export async function recentBatches(db: Firestore, n = 5): Promise<BatchDoc[]> {
  const snap = await db.collection(COLLECTIONS.batches).orderBy("windowEnd", "desc").limit(n).get();
  return snap.docs.map((d) => d.data() as BatchDoc);
}

/** Resolves once `fn` holds (polled every `everyMs`), or rejects after `timeoutMs`. */
export async function until(fn: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
