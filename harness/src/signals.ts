// Ctrl-C (and SIGTERM/SIGHUP) for the harness, from the moment a script
// starts: the first signal resolves untilSignal() and aborts interruptSignal(),
// so a stack still starting stops what it started; later signals are ignored so
// a second Ctrl-C cannot interrupt the shutdown and orphan an emulator (the
// emulators run in process groups of their own and never see the terminal's
// SIGINT themselves).
let received: Promise<NodeJS.Signals> | undefined;
const controller = new AbortController();

export function untilSignal(): Promise<NodeJS.Signals> {
  received ??= new Promise((resolve) => {
    let seen = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (seen) return console.error(`(${signal}: already stopping)`);
      seen = true;
      controller.abort(new Error(`interrupted (${signal})`));
      resolve(signal);
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  });
  return received;
}

/** Aborted on the first signal; installs the handlers if nothing has yet. */
export function interruptSignal(): AbortSignal {
  void untilSignal();
  return controller.signal;
}

/** `promise`, or a rejection as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}
