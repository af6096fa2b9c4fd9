// Identical requests that miss the cache at the same time share one read:
// the first runs it, the others wait for its result, so a burst of the same
// request costs Firestore one set of reads and the instance one answer's
// memory. Keyed like the answer cache; bounded: beyond `max` distinct keys in
// flight a request runs on its own.
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly max: number;

  constructor(max = 1_000) {
    this.max = max;
  }

  /** `work`'s result, shared with every caller of the same key meanwhile; `ran` is true for the one caller that ran it. */
  async run(key: string, work: () => Promise<T>): Promise<{ value: T; ran: boolean }> {
    const pending = this.inFlight.get(key);
    if (pending) return { value: await pending, ran: false };
    const p = work();
    if (this.inFlight.size < this.max) {
      this.inFlight.set(key, p);
      const done = () => {
        if (this.inFlight.get(key) === p) this.inFlight.delete(key);
      };
      p.then(done, done);
    }
    return { value: await p, ran: true };
  }

  get size(): number {
    return this.inFlight.size;
  }
}
