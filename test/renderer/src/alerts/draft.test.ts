// The alert settings form's model: round trips, channels as text, scaled rule fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertSettingsSchema } from '../../../../electron/contract/alerts.js';
import { RULE_FIELDS, fromDraft, ruleValue, sameSettings, toDraft, withRuleEnabled, withRuleValue } from '../../../../renderer/src/alerts/draft.js';

const defaults = AlertSettingsSchema.parse({});

test('saved settings come back unchanged from the form (Discord gets its default name)', () => {
  const saved = AlertSettingsSchema.parse({ telegram: { enabled: true, chatId: '-1001234' }, ntfy: { enabled: false, topic: 'rig-xyz' } });
  const round = fromDraft(toDraft(saved));
  assert.deepEqual(round, { ...saved, discord: { enabled: false, username: 'Hearth' } });
  assert.ok(AlertSettingsSchema.safeParse(round).success);
});

test('a channel with no name is left out unless enabled; enabled, it is sent for the core to refuse', () => {
  const draft = toDraft(defaults);
  assert.equal(fromDraft(draft).telegram, undefined);
  assert.equal(fromDraft(draft).ntfy, undefined);
  draft.channels.ntfy = { enabled: true, main: '  ', server: 'https://ntfy.example' };
  const out = fromDraft(draft);
  assert.deepEqual(out.ntfy, { enabled: true, topic: '', serverUrl: 'https://ntfy.example' });
  assert.equal(AlertSettingsSchema.safeParse(out).success, false);
});

test('rule fields read and write through their scale', () => {
  const low = RULE_FIELDS.find((r) => r.rule === 'hashrateLow')!.fields[0]!;
  assert.equal(ruleValue(defaults.rules, 'hashrateLow', low), 80);
  const raised = withRuleValue(defaults.rules, 'hashrateLow', low, 90);
  assert.equal(raised.hashrateLow.belowShare, 0.9);
  // Clearing needs more than raising, so the alert cannot clear while still low.
  assert.ok(Math.abs(raised.hashrateLow.clearAboveShare - 0.95) < 1e-9);
  assert.equal(withRuleValue(defaults.rules, 'hashrateLow', low, 50).hashrateLow.clearAboveShare, 0.85);
  const limit = RULE_FIELDS.find((r) => r.rule === 'overheat')!.fields[0]!;
  assert.equal(withRuleValue(defaults.rules, 'overheat', limit, 95).overheat.limitC, 95);
  assert.equal(withRuleEnabled(defaults.rules, 'rebooted', false).rebooted.enabled, false);
  assert.ok(AlertSettingsSchema.safeParse({ ...defaults, rules: raised }).success);
});

test('every offered field exists in the rules with a range the schema accepts', () => {
  for (const { rule, fields } of RULE_FIELDS) {
    for (const f of fields) {
      const v = (defaults.rules[rule] as Record<string, unknown>)[f.key];
      assert.equal(typeof v, 'number', `${rule}.${f.key}`);
      const atMin = withRuleValue(defaults.rules, rule, f, f.min);
      const atMax = withRuleValue(defaults.rules, rule, f, f.max);
      assert.ok(AlertSettingsSchema.safeParse({ ...defaults, rules: atMin }).success, `${rule}.${f.key} at ${f.min}`);
      assert.ok(AlertSettingsSchema.safeParse({ ...defaults, rules: atMax }).success, `${rule}.${f.key} at ${f.max}`);
    }
  }
});

test('settings compare equal whatever their key order, and differ on any value', () => {
  const saved = AlertSettingsSchema.parse({ ntfy: { enabled: true, topic: 'rig-xyz' } });
  const fromForm = fromDraft(toDraft(saved));
  assert.notEqual(JSON.stringify(fromForm), JSON.stringify({ ...saved, discord: fromForm.discord }), 'the form builds its own key order');
  assert.equal(sameSettings(fromForm, { ...saved, discord: { enabled: false, username: 'Hearth' } }), true);
  assert.equal(sameSettings(fromForm, { ...saved, discord: { enabled: true, username: 'Hearth' } }), false);
  assert.equal(sameSettings([1, 2], [2, 1]), false);
});
