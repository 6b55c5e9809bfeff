// Why the history store could not do what was asked. The app reacts by kind:
// 'native-module' and 'newer-schema' mean "run without history" (degraded),
// 'invalid-input' is the caller's bug or bad user input, 'storage' is SQLite
// failing underneath (disk full, permissions).

export type HistoryErrorKind = 'native-module' | 'newer-schema' | 'invalid-input' | 'storage' | 'closed';

export class HistoryError extends Error {
  readonly kind: HistoryErrorKind;

  constructor(kind: HistoryErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HistoryError';
    this.kind = kind;
  }

  toJSON(): { kind: HistoryErrorKind; message: string } {
    return { kind: this.kind, message: this.message };
  }
}

/** The first line of any thrown value, for messages. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
