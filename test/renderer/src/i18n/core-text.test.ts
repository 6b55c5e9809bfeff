// The renderer's dictionaries for texts the core generates: the English is
// the contract's one copy of the templates, spread into the English
// dictionary unchanged, so the window shows every key exactly as the core
// renders it; every key has a Chinese text with the same placeholders; an
// unknown key falls back to the core's English.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEALTH_TEMPLATES } from '../../../../electron/contract/health-messages.js';
import { templatePlaceholders, type MessageParam, type MessageText } from '../../../../electron/contract/message-text.js';
import { TUNING_TEMPLATES } from '../../../../electron/contract/tuning-messages.js';
import { HEALTH_MESSAGE_KEYS, HEALTH_MESSAGES } from '../../../../electron/core/diagnostics/messages.js';
import { TUNING_MESSAGE_KEYS, TUNING_MESSAGES } from '../../../../electron/core/tuning/messages.js';
import { coreText } from '../../../../renderer/src/i18n/core-text.js';
import { healthMessageTexts } from '../../../../renderer/src/i18n/features/health-messages.js';
import { tuningMessageTexts } from '../../../../renderer/src/i18n/features/tuning-messages.js';
import { dictionaries } from '../../../../renderer/src/i18n/messages.js';

type Catalog = Readonly<Record<string, string>>;

const CATALOGS: Array<{ name: string; core: typeof HEALTH_MESSAGES | typeof TUNING_MESSAGES; templates: Catalog; keys: readonly string[]; zhCN: Catalog }> = [
  { name: 'health', core: HEALTH_MESSAGES, templates: HEALTH_TEMPLATES, keys: HEALTH_MESSAGE_KEYS, zhCN: healthMessageTexts.zhCN },
  { name: 'tuning', core: TUNING_MESSAGES, templates: TUNING_TEMPLATES, keys: TUNING_MESSAGE_KEYS, zhCN: tuningMessageTexts.zhCN },
];

/** Sample values for a template's placeholders: numbers and strings alternate, so both kinds are exercised. */
function sampleText(key: string, template: string): MessageText {
  const names = templatePlaceholders(template);
  if (names.length === 0) return { key };
  const params: Record<string, MessageParam> = {};
  names.forEach((name, i) => {
    params[name] = i % 2 === 0 ? `«${name}»` : 1000 + i;
  });
  return { key, params };
}

const FALLBACK = '\u0000fallback';

/** "{min}-{max}" and "{min}-{max} {unit}": figures and units only. */
const SAME_IN_BOTH = new Set(['tune.expect.range', 'tune.expect.rangeUnit']);

describe('core message dictionaries', () => {
  for (const { name, core, templates, keys, zhCN } of CATALOGS) {
    it(`${name}: the English window shows every key exactly as the core renders it (spread into en.ts, overridden by nothing)`, () => {
      assert.ok(keys.length > 50, `${name} has ${keys.length} keys`);
      for (const key of keys) {
        assert.equal(dictionaries.en[key as keyof typeof dictionaries.en], templates[key], key);
        const text = sampleText(key, templates[key] ?? '');
        const english = core.english(text);
        assert.equal(coreText('en', text, FALLBACK), english, key);
        // Every placeholder was filled.
        assert.doesNotMatch(english, /\{\w+\}/, key);
      }
    });

    it(`${name}: every key has a Chinese text with the English template's placeholders, shown in Chinese`, () => {
      assert.deepEqual(Object.keys(zhCN).sort(), [...keys].sort());
      for (const key of keys) {
        const template = templates[key] ?? '';
        const zh = zhCN[key];
        assert.equal(typeof zh, 'string', key);
        assert.deepEqual(templatePlaceholders(zh ?? ''), templatePlaceholders(template), key);
        assert.equal(dictionaries['zh-CN'][key as keyof (typeof dictionaries)['zh-CN']], zh, `${key} is spread into zh-CN.ts`);
        const shown = coreText('zh-CN', sampleText(key, template), FALLBACK);
        assert.notEqual(shown, FALLBACK, key);
        // Only pure number formats may read the same in both languages; everything else is translated.
        if (!SAME_IN_BOTH.has(key)) {
          assert.notEqual(zh, template, `${key} is translated`);
          // A text with words (not only punctuation around its values) has Chinese words.
          if (/[a-z]/i.test(template.replace(/\{\w+\}/g, ''))) assert.match(zh ?? '', /[\u4e00-\u9fff]/, `${key} reads as Chinese`);
        }
      }
    });
  }

  it('lists are joined with each language\'s separators, nested texts translated', () => {
    const t = HEALTH_MESSAGES.text;
    const text = t('health.clauses', {
      items: { join: 'list', items: [t('health.fans.stopped', { fan: 1, duty: 40 }), t('health.fans.slow', { fan: 2, rpm: 900, median: 4000 })] },
    });
    const english = HEALTH_MESSAGES.english(text);
    assert.equal(english, 'fan 1 is not turning although it is set to 40 %; fan 2 turns at 900 RPM, much slower than the others (4000 RPM).');
    assert.equal(coreText('en', text, FALLBACK), english);
    assert.equal(coreText('zh-CN', text, english), '风扇 1 设定为 40 %，但没有转动；风扇 2 转速为 900 RPM，远低于其他风扇（4000 RPM）。');
  });

  it('the device\'s own words stay as they are inside a translated text', () => {
    const text = TUNING_MESSAGES.text('tune.refused', { message: "Avalon is caling Don't permit switch mode" });
    assert.equal(coreText('zh-CN', text, 'x'), "矿机拒绝了：Avalon is caling Don't permit switch mode");
  });

  it('falls back to the English the core sent for a key it does not know, anywhere in the text', () => {
    assert.equal(coreText('zh-CN', { key: 'health.fans.fromTheFuture' }, 'english as sent'), 'english as sent');
    const nestedUnknown: MessageText = { key: 'health.clauses', params: { items: { join: 'list', items: [{ key: 'health.newer.thing' }] } } };
    assert.equal(coreText('zh-CN', nestedUnknown, 'english as sent'), 'english as sent');
    assert.equal(coreText('zh-CN', undefined, 'no key at all'), 'no key at all');
    // A UI key outside the core's namespaces is never pulled in by a text from a report or bundle.
    assert.equal(coreText('en', { key: 'nav.label' }, 'english as sent'), 'english as sent');
  });
});
