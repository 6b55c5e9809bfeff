import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../../../renderer/src/i18n/en.js';
import { dictionaries, languageFor, placeholders, translate } from '../../../../renderer/src/i18n/messages.js';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.js';

test('Chinese has exactly the English keys, each non-empty', () => {
  assert.deepEqual(Object.keys(zhCN).sort(), Object.keys(en).sort());
  for (const [key, text] of Object.entries(zhCN)) assert.ok(text.trim().length > 0, key);
});

test('every translation has the same placeholders as the English text', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.deepEqual(placeholders(zhCN[key]), placeholders(en[key]), key);
  }
});

test('translate fills placeholders and leaves unknown ones visible', () => {
  assert.equal(translate(en, 'fleet.table.showing', { shown: 3, total: 12 }), '3 of 12');
  assert.equal(translate(dictionaries['zh-CN'], 'fleet.card.notOnline', { count: 2 }), '2 台无响应');
  assert.equal(translate(en, 'nav.fleet'), 'Fleet');
  assert.equal(translate(dictionaries['zh-CN'], 'nav.fleet'), '矿机群');
  assert.equal(translate({ ...en, 'nav.fleet': 'A {b}' }, 'nav.fleet'), 'A {b}');
});

test('the browser language picks the closest supported one', () => {
  assert.equal(languageFor('zh-CN'), 'zh-CN');
  assert.equal(languageFor('zh-TW'), 'zh-CN');
  assert.equal(languageFor('ZH'), 'zh-CN');
  assert.equal(languageFor('en-GB'), 'en');
  assert.equal(languageFor('de-DE'), 'en');
  assert.equal(languageFor(undefined), 'en');
});
