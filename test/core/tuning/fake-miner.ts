// A small stateful CGMiner API server on 127.0.0.1 for the tuning tests: it
// logs every raw request, answers the report commands a read-back needs, and
// answers ascset / pool commands in the real reply formats (the Q's
// softoff capture, the Nano 3S driver's refusal texts, code 45). Test-only;
// the product simulator lives in electron/core/sim.
import { createServer, type Server, type Socket } from 'node:net';
import type { AvalonModel } from '../../../electron/core/avalon/models.js';

export interface FakePool {
  url: string;
  user: string;
  enabled: boolean;
  priority: number;
}

export interface FakeState {
  workMode: number;
  workLevel: number;
  fanPercent: number;
  led: number;
  /** Nano 3S LEDUser: effect-bright-temper-r-g-b */
  ledUser: number[];
  softOff: boolean;
  pools: FakePool[];
  /** Answer every write with code 45. */
  denyWrites: boolean;
  /** Nano 3S refuses mode changes while calibrating. */
  calibrating: boolean;
  /** Accept a change but never apply it (for 'not-applied'). */
  ignoreChanges: boolean;
  /** Clock ms at the last boot. */
  bootAt: number;
  /** Until this clock ms every connection is dropped without a reply (rebooting). */
  downUntil: number;
  rebootMs: number;
  /** estats keys this firmware does not print (the A1566 has no WORKLEVEL). */
  omit: string[];
}

export interface FakeRequest {
  raw: string;
  command: string;
  parameter?: string;
}

type Reply = Record<string, unknown>;
type Override = (req: FakeRequest, miner: FakeMiner) => Reply | 'drop' | undefined;

const DESCRIPTION = 'cgminer 4.11.1';

export class FakeMiner {
  readonly model: AvalonModel;
  readonly state: FakeState;
  readonly requests: FakeRequest[] = [];
  port = 0;
  override: Override | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(model: AvalonModel, state: Partial<FakeState> = {}) {
    this.model = model;
    this.state = {
      workMode: 1,
      workLevel: 0,
      fanPercent: 40,
      led: 0,
      ledUser: [1, 100, 100, 5, 0, 255],
      softOff: false,
      pools: [0, 1, 2].map((i) => ({ url: `stratum+tcp://pool.example.com:${3333 + i}`, user: 'worker.1', enabled: true, priority: i })),
      denyWrites: false,
      calibrating: false,
      ignoreChanges: false,
      bootAt: Date.now() - 3_600_000,
      downUntil: 0,
      rebootMs: 300,
      omit: [],
      ...state,
    };
  }

  get target(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  /** Requests that change something (everything but the report commands). */
  writes(): FakeRequest[] {
    return this.requests.filter((r) => !/^(version|summary|pools|estats|stats)(\+|$)/.test(r.command));
  }

  async start(): Promise<this> {
    this.server = createServer((socket) => this.handle(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.port = address.port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      let parsed: { command?: unknown; parameter?: unknown };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        return;
      }
      const req: FakeRequest = { raw: text, command: String(parsed.command) };
      if (typeof parsed.parameter === 'string') req.parameter = parsed.parameter;
      this.requests.push(req);
      if (Date.now() < this.state.downUntil) {
        socket.destroy();
        return;
      }
      const reply = this.override?.(req, this) ?? this.respond(req);
      if (reply === 'drop') {
        socket.destroy();
        return;
      }
      socket.end(`${JSON.stringify(reply)}\0`);
    });
  }

  private status(severity: string, code: number, msg: string): Reply {
    return { STATUS: [{ STATUS: severity, When: Math.floor(Date.now() / 1000), Code: code, Msg: msg, Description: DESCRIPTION }], id: 1 };
  }

  private respond(req: FakeRequest): Reply {
    const names = req.command.split('+');
    if (names.length > 1) {
      const out: Reply = { id: 1 };
      for (const n of names) out[n] = [this.report(n)];
      return out;
    }
    const report = this.report(req.command);
    if (report !== undefined) return report;
    if (this.state.denyWrites) return this.status('E', 45, `Access denied to '${req.command}' command`);
    if (req.command === 'ascset') return this.ascset(req.parameter ?? '');
    return this.pool(req.command, req.parameter ?? '');
  }

  private report(command: string): Reply | undefined {
    const s = this.state;
    const r = this.model.reported ?? {};
    const elapsed = Math.max(0, Math.floor((Date.now() - s.bootAt) / 1000));
    switch (command) {
      case 'version':
        return {
          ...this.status('S', 22, 'CGMiner versions'),
          VERSION: [{ CGMiner: '4.11.1', API: '3.7', PROD: r.product, MODEL: r.modelCode, HWTYPE: r.hwType, SWTYPE: r.swType }],
        };
      case 'summary':
        return { ...this.status('S', 11, 'Summary'), SUMMARY: [{ Elapsed: elapsed, 'MHS 1m': s.softOff ? 0 : 1e6, 'MHS av': 1e6 }] };
      case 'pools':
        return {
          ...this.status('S', 7, `${s.pools.length} Pool(s)`),
          POOLS: s.pools.map((p, i) => ({ POOL: i, URL: p.url, User: p.user, Status: p.enabled ? 'Alive' : 'Disabled', Priority: p.priority })),
        };
      case 'estats': {
        const ver = `${r.moduleVer ?? 'X-'}25052801_14a19a2`;
        const items: Array<[string, string]> = [
          ['Ver', ver],
          ['Elapsed', String(elapsed)],
          ['SYSTEMSTATU', `Work: ${s.softOff ? 'In Idle' : 'In Work'}, Hash Board: 1`],
          ['FanR', `${s.fanPercent}%`],
          ['WORKMODE', String(s.workMode)],
          ['WORKLEVEL', String(s.workLevel)],
          ['Led', String(s.led)],
          ['LEDUser', s.ledUser.join('-')],
        ];
        const mm = items
          .filter(([k]) => !s.omit.includes(k))
          .map(([k, v]) => `${k}[${v}]`)
          .join(' ');
        return { ...this.status('S', 70, 'CGMiner stats'), STATS: [{ STATS: 0, ID: r.statsId ?? 'AVALON0', Elapsed: elapsed, 'MM ID0': mm }] };
      }
      default:
        return undefined;
    }
  }

  private ok(): Reply {
    return this.status('S', 119, 'ASC 0 set OK');
  }

  private info(text: string): Reply {
    return this.status('I', 118, `ASC 0 set info: ${text}`);
  }

  private failed(text: string): Reply {
    return this.status('E', 120, `ASC 0 set failed: ${text}`);
  }

  private ascset(parameter: string): Reply {
    const s = this.state;
    const [, option = '', ...args] = parameter.split(',');
    const apply = (fn: () => void): void => {
      if (!s.ignoreChanges) fn();
    };
    switch (option) {
      case 'workmode': {
        // A10 takes the bare value (A10 manual); MM319 firmware wants the set verb (Nano 3S driver).
        const n = this.model.family === 'a10' ? Number(args[0]) : args[0] === 'set' ? Number(args[1]) : NaN;
        if (Number.isNaN(n)) return this.failed('error:2 parameter error');
        if (s.calibrating) return this.failed(`current mode ${s.workMode} is caling Don't permit switch mode`);
        if (n > 2) return this.failed('error:1 not support set workmode max_mode[2]');
        apply(() => (s.workMode = n));
        return this.ok();
      }
      case 'worklevel':
        apply(() => (s.workLevel = Number(args[1])));
        return this.ok();
      case 'fan-spd':
      case 'fan': {
        const n = Number(args[0]?.split('-')[0]);
        apply(() => (s.fanPercent = n === -1 ? 55 : n));
        return this.ok();
      }
      case 'led':
        apply(() => (s.led = args[0] === 'setmode' ? Number(args[1]) : Number(args[0]?.split('-')[1])));
        return this.ok();
      case 'ledset':
        apply(() => (s.ledUser = (args[0] ?? '').split('-').map(Number)));
        return this.info('led set ok');
      case 'softoff':
      case 'softon': {
        const ts = /^1:(\d+)$/.exec(args[0] ?? '')?.[1];
        if (ts === undefined) return this.failed(`missing ${option} setting`);
        apply(() => (s.softOff = option === 'softoff'));
        return this.info(`success ${option}:${ts}`);
      }
      case 'reboot':
        apply(() => {
          s.downUntil = Date.now() + s.rebootMs;
          s.bootAt = s.downUntil;
        });
        return this.ok();
      case 'voltage':
      case 'frequency':
      case 'target-temp':
        return this.ok();
      case 'setpool': {
        const [, , url, worker, pass] = args;
        return this.info(`\npool 0 success set to ${url}\nworker is ${worker}\nworkerpassword is ${pass}\nPlease reboot miner to make config work.\n`);
      }
      default:
        return this.failed(`Unknown option: ${option}`);
    }
  }

  private pool(command: string, parameter: string): Reply {
    const s = this.state;
    const i = Number(parameter);
    switch (command) {
      case 'switchpool': {
        const p = s.pools[i];
        if (p === undefined) return this.status('E', 26, `Invalid pool id ${i} - range is 0 - ${s.pools.length - 1}`);
        p.enabled = true;
        for (const q of s.pools) if (q !== p && q.priority < p.priority) q.priority++;
        p.priority = 0;
        return this.status('S', 27, `Switching to pool ${i}:'${p.url}'`);
      }
      case 'disablepool':
        s.pools[i]!.enabled = false;
        return this.status('S', 48, `Disabling pool ${i}:'${s.pools[i]!.url}'`);
      case 'enablepool':
        s.pools[i]!.enabled = true;
        return this.status('S', 47, `Enabling pool ${i}:'${s.pools[i]!.url}'`);
      case 'addpool': {
        const [url = '', user = ''] = parameter.split(',');
        s.pools.push({ url, user, enabled: true, priority: s.pools.length });
        return this.status('S', 55, `Added pool ${s.pools.length - 1}: '${url}'`);
      }
      case 'setpool': {
        const [, , index, url, user, pass] = parameter.split(',');
        return this.status('S', 133, `Pool set info: \npool ${index} success set to ${url}\nworker is ${user}\nworkerpassword is ${pass}\nPlease reboot miner to make config work.\n`);
      }
      default:
        return this.status('E', 14, 'Invalid command');
    }
  }
}
