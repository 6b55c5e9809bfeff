// Fault modes a simulated device can be put in at run time.

export const FAULTS = [
  'none',
  'offline', // the port is closed: connections are refused
  'overheat', // cooling blocked: chips above the cut-off, hashing stops, state fault
  'fan-failure', // fan 1 stops turning
  'board-down', // one hash board stops hashing and reports an ECHU error code
  'pool-dead', // every pool is Dead: no work, the hash rate falls away
  'slow-reply', // replies arrive only after a long delay
  'garbage', // the reply is bytes that are not a CGMiner reply
  'reset', // the connection is reset half-way through the reply
] as const;

export type Fault = (typeof FAULTS)[number];

export function isFault(s: string): s is Fault {
  return (FAULTS as readonly string[]).includes(s);
}
