// Resolves on the first SIGINT/SIGTERM/SIGHUP; later ones are ignored so a
// second Ctrl-C cannot interrupt the shutdown and orphan an emulator.
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let seen = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (seen) return console.error(`(${signal}: already stopping)`);
      seen = true;
      resolve(signal);
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  });
}

