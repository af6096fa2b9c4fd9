// Answers kept in the instance for a while, so a loop of identical requests
// costs Firestore nothing until they expire (Hosting's CDN does the same in
// front of the function, for s-maxage). Bounded by entries and bytes; the
// oldest go first.
export type Cached = { status: number; headers: Record<string, string>; body: Buffer; expires: number };

export class AnswerCache {
  private readonly entries = new Map<string, Cached>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(maxEntries = 1_000, maxBytes = 32 * 1024 * 1024) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  get(key: string, now: number): Cached | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, value: Cached): void {
    if (value.body.length > this.maxBytes / 8) return; // one answer may not crowd out the rest
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += value.body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const cur = this.entries.get(key);
    if (!cur) return;
    this.bytes -= cur.body.length;
    this.entries.delete(key);
  }
}
