// The tuning UI's pure helpers: inputs to values, ranges and values in words
// (English and Chinese), schedule actions per model, with the real catalog's
// controls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelById } from '../../../../electron/core/avalon/models.js';
import { availableControls } from '../../../../electron/core/tuning/controls.js';
import type { ControlInfo } from '../../../../electron/contract/tuning.js';
import { dictionaries, translate, type MessageArgs, type MessageKey } from '../../../../renderer/src/i18n/messages.js';
import {
  actionFromKey,
  actionKey,
  daysText,
  newSchedule,
  parseValue,
  rangeText,
  requestText,
  resultHeadline,
  scheduleActions,
  valueText,
} from '../../../../renderer/src/tuning/logic.js';

const t = <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string => translate(dictionaries.en, key, ...args);
const zh = <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string => translate(dictionaries['zh-CN'], key, ...args);

function control(modelId: string, name: ControlInfo['control']): ControlInfo {
  const info = availableControls(modelById(modelId)!).find((c) => c.control === name);
  assert.ok(info, `${modelId} ${name}`);
  return info;
}

test('inputs become the values the core takes, or undefined', () => {
  const fan = control('nano3s', 'fan');
  assert.equal(parseValue(fan, 'auto'), 'auto');
  assert.equal(parseValue(fan, ' 70 '), 70);
  assert.equal(parseValue(fan, '7.5'), undefined);
  assert.equal(parseValue(fan, ''), undefined);
  assert.equal(parseValue(control('nano3s', 'led'), 'on'), 'on');
  assert.equal(parseValue(control('nano3s', 'led'), 'blink'), undefined);
  assert.equal(parseValue(control('mini3', 'worklevel'), '-1'), -1);
  assert.equal(parseValue(control('avalon-q', 'reboot'), ''), null);
});

test('ranges and values in words, with the model\'s units and mode names', () => {
  assert.equal(rangeText(t, control('nano3s', 'fan')), 'auto or 15–100%');
  assert.equal(rangeText(t, control('avalon-q', 'voltage')), '2150–2600 0.01 V');
  assert.equal(rangeText(t, control('nano3s', 'voltage')), 'checked by the device');
  assert.equal(rangeText(t, control('avalon-q', 'workmode')), '0 Eco, 1 Standard, 2 Super');
  assert.equal(rangeText(zh, control('nano3s', 'fan')), '自动或 15–100%');
  assert.equal(valueText(t, control('avalon-q', 'workmode'), 2), 'Super (2)');
  assert.equal(valueText(t, control('nano3s', 'freq'), 400), '400 MHz');
  assert.equal(valueText(zh, control('nano3s', 'led'), 'on'), '开');
  assert.equal(valueText(t, undefined, null), '—');
  assert.equal(requestText(t, { kind: 'control', control: 'workmode', value: 0 }, control('avalon-q', 'workmode')), 'Work mode → Eco (0)');
  assert.equal(requestText(t, { kind: 'control', control: 'reboot', value: null }), 'Reboot');
  assert.equal(requestText(zh, { kind: 'pool', pool: { op: 'switch', index: 2 } }), '切换到矿池 2');
  assert.equal(requestText(t, { kind: 'pool', pool: { op: 'priority', order: [2, 0, 1] } }), 'Pool order 2, 0, 1');
});

test('result headlines tell accepted-but-unverifiable apart from applied', () => {
  assert.deepEqual(resultHeadline(t, { status: 'applied', verified: true }), { text: 'Applied', tone: 'good' });
  assert.deepEqual(resultHeadline(t, { status: 'applied', verified: false }), { text: 'Accepted (not verifiable)', tone: 'good' });
  assert.deepEqual(resultHeadline(t, { status: 'device-refused' }), { text: 'Device refused', tone: 'bad' });
  assert.deepEqual(resultHeadline(zh, { status: 'access-denied' }), { text: '无访问权限', tone: 'bad' });
  assert.deepEqual(resultHeadline(t, { status: 'skipped' }), { text: 'Skipped', tone: 'warn' });
});

test('schedule actions per model: named modes, small level ranges, soft off / on', () => {
  const keys = (id: string) => scheduleActions(availableControls(modelById(id)!)).map(actionKey);
  assert.deepEqual(keys('mini3'), ['workmode:0', 'workmode:1', 'workmode:2', 'worklevel:0', 'worklevel:-1', 'softoff', 'softon']);
  assert.deepEqual(keys('a1566'), ['worklevel:0', 'worklevel:1', 'worklevel:2', 'softoff', 'softon']);
  // The Q's work level spans a signed byte: too wide to list, so only its modes and soft off / on.
  assert.deepEqual(keys('avalon-q'), ['workmode:0', 'workmode:1', 'workmode:2', 'softoff', 'softon']);
  assert.deepEqual(keys('nano1'), []);
  assert.deepEqual(actionFromKey('worklevel:-1'), { control: 'worklevel', value: -1 });
  assert.deepEqual(actionFromKey('softoff'), { control: 'softoff' });
  assert.equal(actionFromKey('fan:50'), undefined);
  assert.equal(daysText(t, [6, 0, 1]), 'Sun, Mon, Sat');
});

test('a new schedule: low by day, high on the night tariff, every day', () => {
  const rules = (id: string) =>
    newSchedule('s1', '10.0.0.5:4028', 'Europe/Berlin', scheduleActions(availableControls(modelById(id)!)))?.rules.map((r) => [r.at, actionKey(r.action), r.days.length]);
  assert.deepEqual(rules('avalon-q'), [
    ['07:00', 'workmode:0', 7],
    ['22:00', 'workmode:2', 7],
  ]);
  // Mini 3: Heating by day, Night mode at night.
  assert.deepEqual(rules('mini3'), [
    ['07:00', 'workmode:0', 7],
    ['22:00', 'workmode:2', 7],
  ]);
  assert.deepEqual(newSchedule('s2', 'x', 'UTC', [{ control: 'softoff' }, { control: 'softon' }])?.rules.map((r) => actionKey(r.action)), ['softoff', 'softon']);
  assert.equal(newSchedule('s3', 'x', 'UTC', []), undefined);
});
