// The version printed by `hearth --version` and reported by the server: the
// package's own, inlined at build time.
import pkg from '../../package.json' with { type: 'json' };

export const HEARTH_VERSION: string = pkg.version;
