// A local HTTP server imitating the Nano 3S web server's `POST /usrdata`
// (Canaan-Creative/Avalon_Nano3s cg_miner/web/http/http.c): HTTP Basic user
// "admin", the SHA-256 hex of the password compared with the stored one,
// the body naming the file, 401 "Unauthorized" and 404 "Not found".
import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';

export interface UsrdataServer {
  host: string;
  port: number;
  /** Bodies (file names) asked for, with the user name sent. */
  requests: { user: string; body: string; contentLength?: string }[];
  close(): Promise<void>;
}

export type Behaviour = 'normal' | 'endless' | 'hang';

export async function startUsrdataServer(host: string, password: string, files: Record<string, string>, behaviour: Behaviour = 'normal'): Promise<UsrdataServer> {
  const stored = createHash('sha256').update(password).digest('hex');
  const requests: UsrdataServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [user = '', pass = ''] = Buffer.from(auth ?? '', 'base64').toString('utf8').split(/:(.*)/s);
      requests.push({ user, body, ...(req.headers['content-length'] === undefined ? {} : { contentLength: req.headers['content-length'] }) });
      if (req.method !== 'POST' || req.url !== '/usrdata') return void res.writeHead(404).end('Not found\n');
      if (user !== 'admin' || createHash('sha256').update(pass).digest('hex') !== stored) return void res.writeHead(401).end('Unauthorized\n');
      const content = files[body];
      if (content === undefined) return void res.writeHead(404).end('Not found\n');
      if (behaviour === 'hang') return void res.writeHead(200).write(content.slice(0, 10));
      if (behaviour === 'endless') {
        res.writeHead(200);
        const pump = (): void => {
          while (res.write(`${content}\n`)) if (res.destroyed) return;
          res.once('drain', pump);
        };
        pump();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(content);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as net.AddressInfo;
  return {
    host,
    port,
    requests,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
