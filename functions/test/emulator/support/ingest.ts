// A request to the ingest endpoint as the suites send it: the operator's key
// and JSON unless the headers say otherwise, the answer read whole.
import { emulator } from "./env.js";

export type Answer = { status: number; headers: Headers; body: any; text: string };

export async function postToIngest(path: string, body: string | Buffer, headers: Record<string, string> = {}, method = "POST"): Promise<Answer> {
  const res = await fetch(`${emulator.ingestUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json", ...headers },
    ...(method === "GET" || method === "HEAD" ? {} : { body }),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
