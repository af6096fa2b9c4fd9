// What the runtime stack (scripts/stack.ts) tells its test suites.
import { required } from "../emulator/support/env.js";

export type InstanceState = { service: string; index: number; pid?: number; rssBytes: number; peakRssBytes: number; alive: boolean };

export const stack = {
  adminUrl: () => required("STACK_ADMIN_URL"),
  async instances(): Promise<InstanceState[]> {
    const res = await fetch(`${stack.adminUrl()}/state`);
    return ((await res.json()) as { instances: InstanceState[] }).instances;
  },
  async instance(service: string, index = 0): Promise<InstanceState> {
    const found = (await stack.instances()).find((i) => i.service === service && i.index === index);
    if (!found) throw new Error(`no instance ${service}#${index} on the stack`);
    return found;
  },
  async resetPeak(service: string, index = 0): Promise<void> {
    const res = await fetch(`${stack.adminUrl()}/instances/${service}/${index}/reset-peak`, { method: "POST" });
    if (!res.ok) throw new Error(`reset-peak: HTTP ${res.status}`);
  },
};
