import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { BACKGROUND_NICE, yieldCpu, yieldCpuOf } from "../../src/priority.ts";
import { environOf } from "../../src/procfs.ts";

/** The nice value of each thread of `pid` (field 19 of /proc/PID/task/TID/stat). */
function niceOfThreads(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

const child = (env: Record<string, string>) =>
  spawn(process.execPath, ["-e", "new (require('node:worker_threads').Worker)('setInterval(()=>{},1000)',{eval:true}); setInterval(()=>{},1000)"], { env: { ...process.env, ...env }, stdio: "ignore" });

describe("priority", () => {
  it("lowers every thread of a process, and reads its environment", async (t) => {
    const c = child({ MARK: "a" });
    t.after(() => c.kill());
    await sleep(300);
    assert.equal(environOf(c.pid!)?.get("MARK"), "a");
    assert.ok(yieldCpu(c.pid!) > 1, "a node process has several threads");
    assert.deepEqual([...new Set(niceOfThreads(c.pid!))], [BACKGROUND_NICE]);
  });

  it("finds the processes it is told to by their environment, and leaves the others alone", async (t) => {
    const bg = child({ FUNCTION_SIGNATURE_TYPE: "cloudevent" });
    const fg = child({ FUNCTION_SIGNATURE_TYPE: "http" });
    t.after(() => (bg.kill(), fg.kill()));
    const stop = yieldCpuOf((e) => e.get("FUNCTION_SIGNATURE_TYPE") === "cloudevent" && e.get("MARK") === undefined, 50);
    t.after(stop);
    await sleep(600);
    assert.deepEqual([...new Set(niceOfThreads(bg.pid!))], [BACKGROUND_NICE]);
    assert.deepEqual([...new Set(niceOfThreads(fg.pid!))], [getPriority()], "as this process");
  });
});
