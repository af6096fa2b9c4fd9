// The rollup tick processPosts sends; the publish function comes in, so the
// write benchmark runs the same code on a simulated clock.

/**
 * Once per window and instance, a tick on the rollup topic: the rollup then
 * waits for the window to end and applies it. Windows long gone are forgotten.
 */
export function windowTicker(publish: (data: Buffer) => Promise<string>, now: () => number = Date.now): (windowEnd: number) => Promise<void> {
  const ticked = new Set<number>();
  return async (windowEnd) => {
    if (ticked.has(windowEnd)) return;
    ticked.add(windowEnd);
    for (const w of ticked) if (w < now() - 10 * 60_000) ticked.delete(w);
    try {
      await publish(Buffer.from(JSON.stringify({ windowEnd })));
    } catch (err) {
      ticked.delete(windowEnd); // the next message in this window tries again
      throw err;
    }
  };
}
