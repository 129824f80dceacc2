/**
 * Runs `pass` every `seconds` until stopped, one pass at a time: a pass still running when the next is due is not
 * overlapped, the due one is skipped. Does not keep the process alive. The in-server schedulers use it.
 */
export function every(seconds: number, pass: () => Promise<unknown>, onError: (e: unknown) => void): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pass()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
