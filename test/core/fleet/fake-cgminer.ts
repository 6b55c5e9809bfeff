// A scripted CGMiner API server for tests that need replies the simulator
// does not give (a firmware refusing joins or estats, a reboot at a chosen
// moment). Speaks the real framing: one request per connection, JSON reply,
// trailing NUL, close.
import net from 'node:net';

export interface FakeRequest {
  command: string;
  parameter?: string;
}

/** Returns the reply object for one request (an E status for anything unknown). */
export type FakeHandler = (req: FakeRequest) => unknown;

export interface FakeCgminer {
  host: string;
  port: number;
  /** Every request as received, in order ("summary+pools+estats" for a join). */
  requests: string[];
  close(): Promise<void>;
}

export function errorReply(code: number, msg: string): unknown {
  return { STATUS: [{ STATUS: 'E', When: 1, Code: code, Msg: msg, Description: 'cgminer 4.11.1' }], id: 1 };
}

export async function startFakeCgminer(host: string, handler: FakeHandler): Promise<FakeCgminer> {
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (data) => {
      let req: FakeRequest;
      try {
        const parsed = JSON.parse(data.toString('utf8')) as { command: string; parameter?: string };
        req = { command: parsed.command, ...(parsed.parameter === undefined ? {} : { parameter: parsed.parameter }) };
      } catch {
        socket.end(`${JSON.stringify(errorReply(23, 'Invalid JSON'))}\0`);
        return;
      }
      requests.push(req.command);
      socket.end(`${JSON.stringify(handler(req))}\0`);
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    host,
    port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Answers a join `a+b` the way cgminer does: `{"a":[<reply>],"b":[<reply>],"id":1}`. */
export function joinedReply(commands: string[], one: (command: string) => unknown): unknown {
  const out: Record<string, unknown> = {};
  for (const c of commands) out[c] = [one(c)];
  out.id = 1;
  return out;
}
