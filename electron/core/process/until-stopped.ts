// Long-running commands (`hearth serve`, `hearth sim`) run until the user
// presses Ctrl+C or a service manager sends SIGTERM; then they close what they
// opened themselves, so the listeners go as soon as one signal has arrived.
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
