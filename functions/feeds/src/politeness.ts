// Politeness towards the sites polled: one request at a time per host, and a
// pause between one host's requests. Different hosts proceed in parallel, so
// a slow host delays only its own requests.

export interface HostQueueOptions {
  /** Pause after one request to a host ends before the next to it starts. */
  delayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export class HostQueue {
  /** Per host: the promise the next request to it waits for. Entries leave once idle, so it stays bounded by hosts in use. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HostQueueOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs `fn` when the URL's host is free; a URL that does not parse runs at once (the fetcher refuses it). */
  run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    if (host === undefined) return fn();
    const before = this.tails.get(host) ?? Promise.resolve();
    const result = before.then(fn);
    const tail = result.then(
      () => this.sleep(this.options.delayMs),
      () => this.sleep(this.options.delayMs),
    );
    this.tails.set(host, tail);
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }

  /** Hosts with a request queued, running or pausing. */
  get busyHosts(): number {
    return this.tails.size;
  }
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
