// Every tuning outcome carries its message twice: as English (the CLI, the
// audit log, older readers) and as a key with parameters (translation). The
// English is exactly the keyed text rendered; the device's own words stay
// parameters; validation failures keep their reason as a nested text.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ChangeRequest, ChangeResult } from '../../../electron/contract/tuning.js';
import { ChangeResultSchema } from '../../../electron/contract/tuning.js';
import { modelById, MODELS, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { applyChange, type ApplyDeps } from '../../../electron/core/tuning/apply.js';
import { auditEntryFor } from '../../../electron/core/tuning/audit.js';
import { applyBatch } from '../../../electron/core/tuning/batch.js';
import { availableControls, ControlValidationError, validateValue } from '../../../electron/core/tuning/controls.js';
import { TUNING_MESSAGE_KEYS, tuningEnglish } from '../../../electron/core/tuning/messages.js';
import { buildPoolCommand, validatePoolUrl } from '../../../electron/core/tuning/pools.js';
import { accessDeniedHelp } from '../../../electron/core/tuning/reply.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import { FakeMiner, type FakeState } from './fake-miner.js';

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

const miners: FakeMiner[] = [];
after(async () => {
  await Promise.all(miners.map((m) => m.stop()));
});

async function miner(id: string, state: Partial<FakeState> = {}): Promise<FakeMiner> {
  const m = await new FakeMiner(model(id), state).start();
  miners.push(m);
  return m;
}

function deps(m: FakeMiner, extra: Partial<ApplyDeps> = {}): ApplyDeps {
  return { query, readBack: () => readSnapshot(m.target, { timeoutMs: 1000 }), readBackTries: 3, readBackDelayMs: 20, commandTimeoutMs: 1000, ...extra };
}

const KNOWN = new Set<string>(TUNING_MESSAGE_KEYS);

/** The result's keyed text renders to its English, with a known key. */
function keyed(result: ChangeResult): string {
  assert.ok(ChangeResultSchema.safeParse(result).success);
  assert.ok(result.text, `keyed text for "${result.message}"`);
  assert.ok(KNOWN.has(result.text.key), result.text.key);
  assert.equal(tuningEnglish(result.text), result.message);
  return result.text.key;
}

const control = (c: Extract<ChangeRequest, { kind: 'control' }>['control'], value: number | 'auto' | 'on' | 'off' | null, confirmed = true): ChangeRequest => ({
  kind: 'control',
  control: c,
  value,
  confirmed,
});

describe('tuning results carry keyed texts', () => {
  it('applied, refused in the device\'s words, access denied, unconfirmed, invalid: each keyed, English unchanged', async () => {
    const q = await miner('avalon-q', { workMode: 1 });
    const applied = await applyChange(q.target, q.model, control('workmode', 2), deps(q));
    assert.equal(keyed(applied), 'tune.result.applied');
    assert.equal(applied.message, 'applied; the read-back shows the new state');

    const calibrating = await miner('nano3s', { calibrating: true, workMode: 1 });
    const refused = await applyChange(calibrating.target, calibrating.model, control('workmode', 2), deps(calibrating));
    assert.equal(keyed(refused), 'tune.refused');
    // The device's reply is a parameter: shown as the device's words in every language.
    assert.equal(refused.text?.params?.['message'], "ASC 0 set failed: current mode 1 is caling Don't permit switch mode");

    const denied = await miner('a841', { denyWrites: true });
    const access = await applyChange(denied.target, denied.model, control('fan', 70), deps(denied, { clientAddress: '192.168.1.20' }));
    assert.equal(keyed(access), 'tune.access.controller');
    assert.deepEqual(access.text?.params, { who: '192.168.1.20' });

    const unconfirmed = await applyChange(q.target, q.model, control('workmode', 1, false), deps(q));
    assert.equal(keyed(unconfirmed), 'tune.needsConfirmation');
    assert.equal(unconfirmed.message, "not sent: this changes the work mode; hashing re-tunes for a while, and needs the user's confirmation");

    const invalid = await applyChange(q.target, q.model, control('fan', 5), deps(q));
    assert.equal(keyed(invalid), 'tune.notSent');
    assert.equal(invalid.message, "not sent: fan: 5 is not valid; expected 'auto' or 15-100 %");
    assert.equal((invalid.text?.params?.['reason'] as { key: string }).key, 'tune.invalid.value');
  });

  it('pool passwords never reach a keyed text either', async () => {
    const n = await miner('nano3s');
    const secret = 'Sup3r-Secret-Pw';
    const result = await applyChange(
      n.target,
      n.model,
      { kind: 'pool', confirmed: true, pool: { op: 'set', index: 0, url: `stratum+tcp://${secret}_x:3333`, user: 'w', password: secret, webUser: 'root', webPassword: 'root' } },
      deps(n),
    );
    assert.equal(keyed(result), 'tune.notSent');
    assert.equal(result.message, 'not sent: pool host ***_x is not a valid host name');
    assert.equal(JSON.stringify(result).includes(secret), false, JSON.stringify(result));
  });

  it('batch skips and audit entries keep the keyed text', async () => {
    const results = await applyBatch([{ deviceId: 'a', model: undefined }, { deviceId: 'b', model: model('nano3s') }], control('target-temp', 70), async () => {
      throw new Error('not reached');
    });
    assert.deepEqual(results.map((r) => keyed(r.result)), ['tune.unknownModel', 'tune.notSent']);
    assert.equal(results[1]?.result.message, "not sent: Avalon Nano 3S does not offer the target-temp control");
    const entry = auditEntryFor({ at: 1, deviceId: 'b', modelId: 'nano3s', who: 'user', request: control('fan', 50), result: results[1]?.result as ChangeResult });
    assert.deepEqual(entry.text, results[1]?.result.text);
  });
});

describe('texts the tuning core builds elsewhere', () => {
  it('every control of every model says what it does, keyed', () => {
    let n = 0;
    for (const m of MODELS) {
      for (const info of availableControls(m)) {
        assert.ok(info.effectText, `${m.id} ${info.control}`);
        assert.equal(tuningEnglish(info.effectText), info.effect);
        n++;
      }
    }
    assert.ok(n > 30, `controls: ${n}`);
  });

  it('validation errors carry their reason as a keyed text', () => {
    const cases: Array<[() => void, string, string]> = [
      [() => validatePoolUrl('stratum2+tcp://pool:3333'), 'tune.pool.stratumV2', 'Stratum V2 pools are not supported by Avalon firmware (cgminer speaks Stratum V1)'],
      [() => validatePoolUrl('stratum+ssl://pool:3333'), 'tune.pool.scheme', 'pool URL scheme must be stratum+tcp, not stratum+ssl'],
      [
        () => buildPoolCommand(model('nano3s'), { op: 'set', index: 0, url: 'stratum+tcp://pool.example:3333', user: 'w,x', password: '', webUser: 'root', webPassword: 'root' }),
        'tune.field.comma',
        'worker name contains a comma, which the miner API cannot carry',
      ],
      [() => buildPoolCommand(model('avalon-q'), { op: 'add', url: 'stratum+tcp://p:1', user: 'w', password: 'x' }), 'tune.pool.unsupported', "Avalon Q does not support 'add' for pools over its API"],
      [() => validateValue({ ...availableControls(model('a841'))[0]!, control: 'freq', input: 'number', range: { min: 50, max: 1200, step: 25 }, unit: 'MHz' }, 60), 'tune.invalid.value', 'freq: 60 is not valid; expected 50-1200 MHz in steps of 25'],
    ];
    for (const [run, key, english] of cases) {
      try {
        run();
        assert.fail(`${key}: no error`);
      } catch (err) {
        assert.ok(err instanceof ControlValidationError, String(err));
        assert.equal(err.text?.key, key);
        assert.equal(err.message, english);
        assert.equal(tuningEnglish(err.text), english);
      }
    }
  });

  it('the access-denied fix names this computer in words when its address is not known', () => {
    const help = accessDeniedHelp(model('nano3s'));
    assert.equal(help.key, 'tune.access.open');
    assert.equal(
      tuningEnglish(help),
      "This firmware normally accepts changes from any address, so something between Hearth and the miner (a proxy, or modified firmware) refused it. If the miner has an API allow setting, add W:this computer's address to it.",
    );
  });
});
