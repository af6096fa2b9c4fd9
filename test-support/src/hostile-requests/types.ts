// The shapes shared by the generator, the runner and the summary.

/** The endpoint's documented limits (README; pinned against src in the unit test). */
export const DEFAULT_LIMITS = {
  maxPosts: 1_000,
  maxBytes: 10 * 1024 * 1024,
  publication: 200,
  content: 100_000,
  title: 1_000,
  id: 200,
  url: 2_048,
} as const;
export type Limits = { [K in keyof typeof DEFAULT_LIMITS]: number };

export type HostileCase = {
  /** Stable across runs with the same options: `${group}/${n}`. */
  id: string;
  group: string;
  name: string;
  method: string;
  /** Appended to the ingest function's base path (may be odd on purpose). */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Bytes written to the socket after the request line's path and " HTTP/1.1\r\nHost: ...\r\n" (raw framing cases). */
  raw?: Buffer;
  /** Acceptable statuses, every one a 4xx. */
  expect: readonly number[];
  /** Runs after every other case (checks that earlier cases changed nothing, e.g. prototype pollution). */
  after?: boolean;
  /** A known defect: reported separately instead of failing the run. */
  knownIssue?: string;
};

export type HostileOptions = {
  apiKey: string;
  /** The publication name of every hostile post: nothing with it may ever be published. */
  marker: string;
  limits?: Limits;
};

export type HostileSet = {
  cases: HostileCase[];
  /** Strings that must never appear in logs or responses: the key and every wrong key sent. */
  secrets: string[];
};

export const ROUTES = ["/posts", "/post/enqueue"] as const;
