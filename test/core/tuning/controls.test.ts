// Every control of every model family: the exact ascset parameter (sources in
// docs/tuning.md), the bytes on the wire, ranges enforced before sending, and
// controls a model lacks never offered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { encodeJsonRequest } from '../../../electron/core/cgminer-api/request.js';
import {
  availableControls,
  buildCommand,
  ControlValidationError,
  controlInfo,
  controlMatches,
  readControl,
  type BuildContext,
} from '../../../electron/core/tuning/controls.js';
import type { ControlValue, TunableControl } from '../../../electron/contract/tuning.js';
import { captureJson, captureText } from '../avalon/fixtures.js';

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

type Case = [control: TunableControl, value: ControlValue, parameter: string, ctx?: BuildContext];

// [model id, cases, rejected values, controls not offered]
const TABLE: Array<{ id: string; cases: Case[]; rejected: Array<[TunableControl, ControlValue, BuildContext?]>; absent: TunableControl[] }> = [
  {
    // AVA7 driver-avalon7.c set_device: fan <min>-<max>, frequency 24-1404, voltage 3889-5059 mV, led/reboot per module.
    id: 'a741',
    cases: [
      ['fan', 60, '0,fan,60-60'],
      ['fan', 'auto', '0,fan,5-100'],
      ['freq', 600, '0,frequency,600'],
      ['voltage', 4000, '0,voltage,4000'],
      ['led', 'on', '0,led,2-1', { module: 2 }],
      ['reboot', null, '0,reboot,3', { module: 3 }],
    ],
    rejected: [['fan', 101], ['freq', 1405], ['freq', 23], ['voltage', 3888], ['led', 'on'], ['reboot', null, { module: 7 }]],
    absent: ['workmode', 'worklevel', 'softoff', 'softon', 'target-temp'],
  },
  {
    // AVA8: voltage-level -15..15; frequency max 1200, A8 wiki 50-1200 in steps of 25.
    id: 'a841',
    cases: [
      ['freq', 650, '0,frequency,650'],
      ['voltage', -3, '0,voltage-level,-3'],
      ['led', 'off', '0,led,1-0', { module: 1 }],
    ],
    rejected: [['freq', 660], ['freq', 1225], ['voltage', 16], ['fan', -1]],
    absent: ['workmode', 'target-temp', 'softoff'],
  },
  {
    // AVA9 (920/921 branch): frequency takes 7 PLL points; no target-temp option in that driver.
    id: 'a921',
    cases: [
      ['freq', 600, '0,frequency,600:600:600:600:600:600:600'],
      ['voltage', 15, '0,voltage-level,15'],
    ],
    rejected: [['voltage', -16]],
    absent: ['target-temp', 'workmode'],
  },
  {
    // AVA9-911: 4 PLL points, voltage-level 0..35, target-temp 0..100.
    id: 'a911',
    cases: [
      ['freq', 700, '0,frequency,700:700:700:700'],
      ['voltage', 20, '0,voltage-level,20'],
      ['target-temp', 85, '0,target-temp,85'],
    ],
    rejected: [['voltage', 36], ['voltage', -1], ['target-temp', 101]],
    absent: ['workmode'],
  },
  {
    // A10 manual: workmode <0|1> (no "set" verb), led 1-<0|1>, reboot 0.
    id: 'a1066',
    cases: [
      ['workmode', 1, '0,workmode,1'],
      ['workmode', 0, '0,workmode,0'],
      ['led', 'on', '0,led,1-1'],
      ['reboot', null, '0,reboot,0'],
    ],
    rejected: [['workmode', 2], ['workmode', 255], ['led', 1]],
    absent: ['fan', 'worklevel', 'softoff', 'freq', 'voltage'],
  },
  {
    // pyasic's A-series backend: worklevel,set,<0-2>, led 1-<0|1>, softoff/softon 1:<now+5>.
    id: 'a1566',
    cases: [
      ['worklevel', 2, '0,worklevel,set,2'],
      ['led', 'off', '0,led,1-0'],
      ['softoff', null, '0,softoff,1:1753434821', { nowS: 1753434816 }],
      ['softon', null, '0,softon,1:1753434821', { nowS: 1753434816 }],
      ['reboot', null, '0,reboot,0'],
    ],
    rejected: [['worklevel', 3], ['worklevel', 1.5], ['softoff', 1]],
    absent: ['workmode', 'fan', 'freq'],
  },
  {
    // avalon-nano-cli: worklevel,set,<0-2>, led,setmode,<mode>, reboot,all.
    id: 'nano3',
    cases: [
      ['worklevel', 2, '0,worklevel,set,2'],
      ['led', 'on', '0,led,setmode,2'],
      ['led', 'off', '0,led,setmode,1'],
      ['reboot', null, '0,reboot,all'],
    ],
    rejected: [['worklevel', 3], ['worklevel', -1]],
    absent: ['workmode', 'softoff', 'softon', 'fan'],
  },
  {
    // Nano 3S driver-avalon.c: workmode/worklevel set verbs, fan-spd 15-100 or -1, frequency f:f:f:f <= 1195, reboot 0.
    id: 'nano3s',
    cases: [
      ['workmode', 2, '0,workmode,set,2'],
      ['worklevel', -1, '0,worklevel,set,-1'],
      ['fan', 15, '0,fan-spd,15'],
      ['fan', 'auto', '0,fan-spd,-1'],
      ['voltage', 300, '0,voltage,300'],
      ['freq', 500, '0,frequency,500:500:500:500'],
      ['reboot', null, '0,reboot,0'],
    ],
    rejected: [['workmode', 3], ['fan', 14], ['fan', 'on'], ['freq', 1196], ['worklevel', 128]],
    absent: ['softoff', 'softon', 'target-temp'],
  },
  {
    // Mini 3 (MM319): workmode 0-2, worklevel 0 / -1, fan-spd, softoff/softon, reboot 0.
    id: 'mini3',
    cases: [
      ['workmode', 0, '0,workmode,set,0'],
      ['worklevel', -1, '0,worklevel,set,-1'],
      ['fan', 100, '0,fan-spd,100'],
      ['softoff', null, '0,softoff,1:105', { nowS: 100 }],
      ['reboot', null, '0,reboot,0'],
    ],
    rejected: [['worklevel', 1], ['workmode', -1]],
    absent: ['led', 'voltage', 'freq', 'target-temp'],
  },
  {
    // Avalon Q: its help list; voltage 2150-2600 from its own range error.
    id: 'avalon-q',
    cases: [
      ['workmode', 1, '0,workmode,set,1'],
      ['voltage', 2200, '0,voltage,2200'],
      ['freq', 475, '0,frequency,475:475:475:475'],
      ['softon', null, '0,softon,1:1753434821', { nowS: 1753434816 }],
      ['reboot', null, '0,reboot,0'],
    ],
    rejected: [['voltage', 2601], ['voltage', 2149], ['workmode', 3]],
    absent: ['led', 'target-temp'],
  },
];

describe('tuning controls: command strings per model family', () => {
  for (const row of TABLE) {
    describe(row.id, () => {
      const m = model(row.id);
      for (const [control, value, parameter, ctx] of row.cases) {
        it(`${control} ${JSON.stringify(value)} -> ascset ${parameter}`, () => {
          assert.deepEqual(buildCommand(m, control, value, ctx), { command: 'ascset', parameter });
        });
      }
      for (const [control, value, ctx] of row.rejected) {
        it(`${control} ${JSON.stringify(value)} is rejected before sending`, () => {
          assert.throws(
            () => buildCommand(m, control, value, ctx),
            (e: unknown) => e instanceof ControlValidationError && e.reason === 'invalid-value' && e.message.startsWith(`${control}:`),
          );
        });
      }
      for (const control of row.absent) {
        it(`${control} is not offered`, () => {
          assert.equal(availableControls(m).some((c) => c.control === control), false);
          assert.throws(
            () => buildCommand(m, control, null),
            (e: unknown) => e instanceof ControlValidationError && e.reason === 'not-offered',
          );
        });
      }
    });
  }
});

describe('tuning controls: what is offered', () => {
  it('the request bytes on the wire for a work mode change', () => {
    const cmd = buildCommand(model('avalon-q'), 'workmode', 2);
    assert.equal(encodeJsonRequest(cmd.command, cmd.parameter), '{"command":"ascset","parameter":"0,workmode,set,2"}');
  });

  it('USB models offer nothing over the network API', () => {
    assert.deepEqual(availableControls(model('nano2')), []);
    assert.deepEqual(availableControls(model('nano1')), []);
  });

  it('names the range in the error', () => {
    assert.throws(() => buildCommand(model('nano3s'), 'fan', 10), /expected 'auto' or 15-100 %/);
    assert.throws(() => buildCommand(model('mini3'), 'workmode', 5), /expected 0 \(Heating\), 1 \(Mining\), 2 \(Night\)/);
    assert.throws(() => buildCommand(model('a841'), 'freq', 660), /50-1200 MHz in steps of 25/);
  });

  it('marks what interrupts mining and what waits for a reboot', () => {
    const q = model('avalon-q');
    assert.equal(controlInfo(q, 'reboot')?.interrupts, true);
    assert.equal(controlInfo(q, 'softoff')?.interrupts, true);
    assert.equal(controlInfo(q, 'workmode')?.interrupts, true);
    assert.equal(controlInfo(q, 'fan')?.interrupts, false);
    assert.equal(controlInfo(q, 'softon')?.interrupts, false);
    assert.equal(controlInfo(model('a1066'), 'workmode')?.takesEffect, 'after-reboot');
    assert.equal(controlInfo(q, 'workmode')?.takesEffect, 'now');
    assert.deepEqual(controlInfo(q, 'workmode')?.choices, [
      { value: 0, name: 'Eco' },
      { value: 1, name: 'Standard' },
      { value: 2, name: 'Super' },
    ]);
  });

  it('the Nano 3S LED keeps the colour the snapshot reports and blinks it', () => {
    const mm = captureText('nano3s_mm_id0_value.txt').trim();
    const snapshot = buildSnapshot({ estats: { STATUS: [{ STATUS: 'S' }], STATS: [{ ID: 'AVALON0', 'MM ID0': mm }] } }, 0);
    const n3s = model('nano3s');
    assert.deepEqual(buildCommand(n3s, 'led', 'on', { snapshot }), { command: 'ascset', parameter: '0,ledset,2-100-100-5-0-255' });
    assert.equal(readControl(n3s, 'led', snapshot), 'off');
    assert.throws(() => buildCommand(n3s, 'led', 'on'), /poll the device first/);
  });
});

describe('tuning controls: reading state back from real captures', () => {
  it('Avalon Q in standby: work mode 0, soft off', () => {
    const snapshot = buildSnapshot({ version: captureJson('avalonq_version.json'), stats: captureJson('avalonq_stats.json') }, 0);
    const q = model('avalon-q');
    assert.equal(readControl(q, 'workmode', snapshot), 0);
    assert.equal(readControl(q, 'fan', snapshot), 0);
    assert.equal(readControl(q, 'softoff', snapshot), 'off');
    assert.equal(controlMatches(q, 'softoff', null, readControl(q, 'softoff', snapshot)), true);
    assert.equal(controlMatches(q, 'softon', null, readControl(q, 'softon', snapshot)), false);
    assert.equal(controlMatches(q, 'workmode', 2, 0), false);
    assert.equal(controlMatches(q, 'voltage', 2200, 2200), undefined);
  });

  it('A1566: LED off, fan 49 %', () => {
    const snapshot = buildSnapshot({ version: captureJson('a1566-version.json'), estats: captureJson('a1566-estats.json') }, 0);
    const a = model('a1566');
    assert.equal(readControl(a, 'led', snapshot), 'off');
    assert.equal(readControl(a, 'softoff', snapshot), 'on');
  });
});
