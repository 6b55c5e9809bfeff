// The one error type of the market-data client: a kind the UI can act on and
// a message a user can read.
import type { MarketErrorKind } from '../../contract/earnings.js';

export class MarketFetchError extends Error {
  override readonly name = 'MarketFetchError';
  readonly kind: MarketErrorKind;
  readonly url: string | undefined;

  constructor(kind: MarketErrorKind, message: string, url?: string) {
    super(message);
    this.kind = kind;
    this.url = url;
  }
}
