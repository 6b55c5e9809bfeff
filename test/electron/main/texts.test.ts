// The shell's own words: every English text has a Chinese one with the same
// placeholders, texts render with their values, and the OS locale picks the
// language by the renderer's rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { templatePlaceholders } from '../../../electron/contract/message-text.js';
import { AlertKindSchema } from '../../../electron/contract/alerts.js';
import { languageForLocale, SHELL_TEXTS, translator } from '../../../electron/main/texts.js';

test('both dictionaries have the same keys, the same placeholders and no empty text', () => {
  const en = SHELL_TEXTS.en;
  const zh = SHELL_TEXTS['zh-CN'];
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [key, english] of Object.entries(en)) {
    const chinese = zh[key as keyof typeof zh];
    assert.deepEqual(templatePlaceholders(chinese), templatePlaceholders(english), key);
    assert.ok(english.trim() !== '' && chinese.trim() !== '', key);
  }
  // Words only: a Chinese text that is still the English one was forgotten (brand-only texts excepted).
  const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zh[k as keyof typeof zh]);
  assert.deepEqual(same, ['notice.burst.devices']);
});

test('every alert kind has a title', () => {
  const t = translator('zh-CN');
  for (const kind of AlertKindSchema.options) {
    assert.notEqual(t(`alert.${kind}`), `alert.${kind}`, kind);
    assert.match(t(`alert.${kind}`), /\p{Script=Han}/u, kind);
  }
  assert.equal(translator('en')('alert.fan-stopped'), 'Fan stopped');
  assert.equal(t('alert.fan-stopped'), '风扇停转');
});

test('texts are rendered with their values', () => {
  assert.equal(translator('en')('tray.alerts.critical', { alerts: '3 alerts', critical: 1 }), '3 alerts (1 critical)');
  assert.equal(translator('zh-CN')('tray.alerts.many', { count: 12 }), '12 个警报');
  assert.equal(translator('zh-CN')('tray.open'), '打开 Hearth');
});

test('the OS locale picks the language: any Chinese one is Simplified Chinese, anything else English', () => {
  assert.equal(languageForLocale('zh-CN'), 'zh-CN');
  assert.equal(languageForLocale('zh-TW'), 'zh-CN');
  assert.equal(languageForLocale('ZH'), 'zh-CN');
  assert.equal(languageForLocale('en-US'), 'en');
  assert.equal(languageForLocale('de'), 'en');
  assert.equal(languageForLocale(''), 'en');
  assert.equal(languageForLocale(undefined), 'en');
});
