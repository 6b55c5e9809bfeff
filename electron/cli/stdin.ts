// A secret given on stdin (`--web-password-stdin`), so it never appears in
// the process list or the shell history as an argument would.

/** A secret is one short line; more than this is not a password. */
const MAX_SECRET_BYTES = 4096;

/** The first line of stdin (without its line ending), read up to EOF or the first newline. */
export function readSecretLine(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err?: Error): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      if (err) reject(err);
      else resolve(text.split(/\r?\n/, 1)[0] ?? '');
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (Buffer.byteLength(text) > MAX_SECRET_BYTES) done(new Error(`stdin holds more than ${MAX_SECRET_BYTES} bytes: not a password`));
      else if (text.includes('\n')) done();
    };
    const onEnd = (): void => done();
    const onError = (err: Error): void => done(err);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
