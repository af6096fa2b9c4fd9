// npm run bench:guard [-- --json]
// What a request the ingest function refuses costs its instance, on the real
// runtime (functions-framework, production environment), with and without the
// pre-body guard: the same built code, once as deployed and once with the
// guard left out (the process told it runs under the Functions emulator, the
// one place the guard is not installed). Per request: the answer, its latency,
// and the instance's peak RSS over its RSS before (VmHWM, reset first), and the
// CPU time the instance spent on it. Bodies as the production-parity issue
// measured: a 256 MiB brotli bomb without a key, a 64 MiB gzip body with it, a
// plain 32 MiB JSON body with and without it, 64 MiB chunked.
import { createWriteStream, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { FUNCTIONS_DIR } from "@newsroom/harness/paths";
import { FunctionInstance } from "@newsroom/harness/runtime/instance";
import { deployEnvFiles, discoverManifest, functionSettings, resolveParams } from "@newsroom/harness/runtime/manifest";
import { resetPeak, rssBytes } from "@newsroom/harness/runtime/memory";
import { parseArgs } from "node:util";
import { table } from "@newsroom/harness/table";

const json = parseArgs({ options: { json: { type: "boolean", default: false } } }).values.json;
const say = (s: string) => json || console.error(s);
const MB = 1024 * 1024;
const KEY = "bench-guard-key-0123456789";

const spaces = (bytes: number) => {
  const b = Buffer.alloc(bytes, 0x20);
  b[0] = 0x5b;
  b[bytes - 1] = 0x5d;
  return b;
};
type Body = Buffer | { chunkedMb: number };
say("building the bodies...");
const brotli = brotliCompressSync(spaces(256 * MB), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const gzip = gzipSync(spaces(64 * MB));
const big = spaces(32 * MB);
const JSON_TYPE = { "content-type": "application/json" };
const CASES: Array<{ name: string; headers: Record<string, string>; body: Body }> = [
  { name: `no key, brotli ${brotli.length} B -> 256 MiB`, headers: { ...JSON_TYPE, "content-encoding": "br" }, body: brotli },
  { name: `key, gzip ${(gzip.length / 1024).toFixed(0)} KiB -> 64 MiB`, headers: { ...JSON_TYPE, "content-encoding": "gzip", authorization: `Bearer ${KEY}` }, body: gzip },
  { name: "no key, 32 MiB JSON", headers: JSON_TYPE, body: big },
  { name: "key, 32 MiB JSON", headers: { ...JSON_TYPE, authorization: `Bearer ${KEY}` }, body: big },
  { name: "key, 64 MiB chunked", headers: { ...JSON_TYPE, authorization: `Bearer ${KEY}` }, body: { chunkedMb: 64 } },
  { name: "no key, 64 MiB chunked", headers: JSON_TYPE, body: { chunkedMb: 64 } },
];

function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = f.slice(f.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

function send(port: number, c: (typeof CASES)[number]): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers = { ...c.headers, ...(Buffer.isBuffer(c.body) ? { "content-length": String(c.body.length) } : {}) };
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/posts", headers, agent: false, timeout: 120_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: String(res.statusCode), ms: performance.now() - started }));
    });
    req.on("error", (e) => resolve({ status: (e as NodeJS.ErrnoException).code ?? "error", ms: performance.now() - started }));
    if (Buffer.isBuffer(c.body)) return void req.end(c.body);
    let n = 0;
    const chunk = Buffer.alloc(MB, 0x20);
    const pump = () => {
      while (n < (c.body as { chunkedMb: number }).chunkedMb) {
        n++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const project = "demo-newsroom";
const platform = { GCLOUD_PROJECT: project, FIREBASE_CONFIG: JSON.stringify({ projectId: project }), PUBSUB_EMULATOR_HOST: "127.0.0.1:1", FIRESTORE_EMULATOR_HOST: "127.0.0.1:1", METADATA_SERVER_DETECTION: "none" };
const manifest = await discoverManifest(FUNCTIONS_DIR, { PATH: process.env.PATH ?? "", ...platform });
const params = resolveParams(manifest.params ?? [], deployEnvFiles(FUNCTIONS_DIR, project));
const ingest = functionSettings(manifest, params).find((f) => f.name === "ingest")!;
// No memory limit here: the point is to see what the unguarded framework would take.
const settings = { ...ingest, memoryMb: Math.floor(os.totalmem() / MB / 2) };
const log = createWriteStream(path.join(os.tmpdir(), `bench-guard-${process.pid}.log`));

type Result = { case: string; guarded: boolean; status: string; ms: number; peakMb: number; cpuMs: number };
const results: Result[] = [];
for (const guarded of [true, false]) {
  const env = { ...platform, ...params, INGEST_API_KEY: KEY, ...(guarded ? {} : { FUNCTIONS_EMULATOR: "true" }) };
  const inst = new FunctionInstance({ settings, index: guarded ? 0 : 1, functionsDir: FUNCTIONS_DIR, env, log, memory: "watchdog", stackId: `bench${process.pid}` });
  await inst.start();
  say(`${guarded ? "with" : "without"} the guard (pid ${inst.pid})...`);
  await send(inst.port!, { name: "warm-up", headers: JSON_TYPE, body: Buffer.from("{}") });
  for (const c of CASES) {
    const pid = inst.pid!;
    await new Promise((r) => setTimeout(r, 300));
    resetPeak(pid);
    const before = rssBytes(pid);
    const cpu0 = cpuMs(pid);
    const answer = await send(inst.port!, c);
    await new Promise((r) => setTimeout(r, 300));
    results.push({ case: c.name, guarded, status: answer.status, ms: answer.ms, peakMb: (rssBytes(pid, "VmHWM") - before) / MB, cpuMs: cpuMs(pid) - cpu0 });
    say(`  ${c.name}: ${answer.status} in ${answer.ms.toFixed(0)} ms, +${results.at(-1)!.peakMb.toFixed(1)} MiB`);
  }
  await inst.stop();
  inst.dispose();
}
log.end();

if (json) {
  console.log(JSON.stringify({ results, limits: { peakMb: 16, ms: 100 } }));
} else {
  const rows = CASES.map((c) => {
    const g = results.find((r) => r.case === c.name && r.guarded)!;
    const u = results.find((r) => r.case === c.name && !r.guarded)!;
    const cell = (r: Result) => `${r.status} ${r.ms.toFixed(0)} ms +${r.peakMb.toFixed(1)} MiB ${r.cpuMs.toFixed(0)} ms CPU`;
    return [c.name, cell(u), cell(g)];
  });
  console.log(table(["request", "without the guard", "with the guard (as deployed)"], rows, ["l", "l", "l"]));
  const worst = results.filter((r) => r.guarded);
  console.log(`\nwith the guard: at most +${Math.max(...worst.map((r) => r.peakMb)).toFixed(1)} MiB peak RSS and ${Math.max(...worst.map((r) => r.ms)).toFixed(0)} ms per refused request (limits: 16 MiB, 100 ms)`);
}
process.exit(0);
