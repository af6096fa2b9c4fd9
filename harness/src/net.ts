// Small TCP helpers for the local stacks and their tests: the one connect
// probe (canConnect) and the one free-port finder (freePort).
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** The port a listening server was given (listen(0) lets the OS pick it). */
export function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = portOf(server);
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when something accepts connections on host:port (default 127.0.0.1), false when nothing does. */
export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port; rejects after timeoutMs or when `gone()` says the owner died. */
export async function waitForListening(port: number, timeoutMs: number, gone: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`the process that should listen on ${port} exited`);
    if (await canConnect(port)) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}
