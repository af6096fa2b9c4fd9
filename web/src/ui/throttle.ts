// Live updates during a load test arrive many times a second: a view is
// redrawn at most every `intervalMs`, always with the latest value.
export function throttled<T>(intervalMs: number, render: (value: T) => void): { push(value: T): void; now(value: T): void } {
  let pending: { value: T } | null = null;
  let timer = 0;
  let last = -Infinity;
  const draw = (value: T) => {
    last = performance.now();
    render(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer) return;
      timer = window.setTimeout(() => {
        timer = 0;
        if (pending) draw(pending.value);
        pending = null;
      }, Math.max(0, last + intervalMs - performance.now()));
    },
    /** Draws at once, dropping anything pending (loading and error states). */
    now(value) {
      window.clearTimeout(timer);
      timer = 0;
      pending = null;
      draw(value);
    },
  };
}
