// Typed failures of a stratum session. Every way a pool can fail us maps to one
// kind, so the client can decide (retry, fail over) and the UI can say why.

export type StratumErrorKind =
  /** The URL or options the user gave cannot be used. */
  | 'config'
  /** TCP-level: nobody listening, host unreachable, connection reset or closed. */
  | 'refused'
  | 'unreachable'
  | 'reset'
  | 'closed'
  /** No connection, no reply or silence within the time allowed. */
  | 'timeout'
  /** The pool sent a line longer than the cap. */
  | 'too-large'
  /** The pool sent something that is not valid Stratum V1 (bad JSON, wrong types, bad hex). */
  | 'protocol'
  /** The pool answered a handshake request with an error or false (subscribe, authorize). */
  | 'refused-by-pool';

export class StratumError extends Error {
  override readonly name = 'StratumError';
  readonly kind: StratumErrorKind;

  constructor(kind: StratumErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Error codes for mining.submit from slush pool's original Stratum
 * documentation ("Proposed error codes for mining service"); docs/stratum.md.
 */
export const SubmitErrorCode = {
  OTHER: 20,
  JOB_NOT_FOUND: 21,
  DUPLICATE: 22,
  LOW_DIFFICULTY: 23,
  UNAUTHORIZED: 24,
  NOT_SUBSCRIBED: 25,
} as const;
export type SubmitErrorCode = (typeof SubmitErrorCode)[keyof typeof SubmitErrorCode];
