// Must be the first import of the bundle. zod compiles object parsers with
// `new Function` and probes for it when a schema is built; the renderer's CSP
// (script-src 'self', no 'unsafe-eval') forbids that, and the probe alone is
// reported as a violation. jitless mode parses without eval.
import { z } from 'zod';

z.config({ jitless: true });
