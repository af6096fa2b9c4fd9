// Requests as the suites send them: the operator's key and JSON unless the
// headers say otherwise, the answer read whole.
import { emulator } from "./env.js";

export type Answer = { status: number; headers: Headers; body: any; text: string };

/** Any request, its answer read whole and parsed when it is JSON. */
export async function request(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  const res = await fetch(url, { method, headers, ...(body === undefined || method === "GET" || method === "HEAD" ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function postToIngest(path: string, body: string | Buffer, headers: Record<string, string> = {}, method = "POST"): Promise<Answer> {
  return request(`${emulator.ingestUrl()}${path}`, method, { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json", ...headers }, body);
}
