// The renderer's dictionaries for texts the core generates: every key the
// health checks and the tuning core can emit renders in the renderer's
// English exactly as the core renders it, has a Chinese text with the same
// placeholders, and falls back to the core's English when unknown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templatePlaceholders, type MessageParam, type MessageText } from '../../../../electron/contract/message-text.js';
import { HEALTH_MESSAGE_KEYS, HEALTH_MESSAGES } from '../../../../electron/core/diagnostics/messages.js';
import { TUNING_MESSAGE_KEYS, TUNING_MESSAGES } from '../../../../electron/core/tuning/messages.js';
import { coreText } from '../../../../renderer/src/i18n/core-text.js';
import { healthMessageTexts } from '../../../../renderer/src/i18n/features/health-messages.js';
import { tuningMessageTexts } from '../../../../renderer/src/i18n/features/tuning-messages.js';
import { dictionaries } from '../../../../renderer/src/i18n/messages.js';

const CATALOGS = [
  { name: 'health', core: HEALTH_MESSAGES, keys: HEALTH_MESSAGE_KEYS as readonly string[], texts: healthMessageTexts as { en: Record<string, string>; zhCN: Record<string, string> } },
  { name: 'tuning', core: TUNING_MESSAGES, keys: TUNING_MESSAGE_KEYS as readonly string[], texts: tuningMessageTexts as { en: Record<string, string>; zhCN: Record<string, string> } },
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
  for (const { name, core, keys, texts } of CATALOGS) {
    it(`${name}: the renderer's English has exactly the keys the core can emit`, () => {
      assert.deepEqual(Object.keys(texts.en).sort(), [...keys].sort());
      assert.ok(keys.length > 50, `${name} has ${keys.length} keys`);
    });

    it(`${name}: every key renders in the renderer's English exactly as the core renders it`, () => {
      const templates = core.templates as Readonly<Record<string, string>>;
      for (const key of keys) {
        const text = sampleText(key, templates[key] ?? '');
        const english = core.english(text);
        assert.equal(coreText('en', text, FALLBACK), english, key);
        // Every placeholder was filled.
        assert.doesNotMatch(english, /\{\w+\}/, key);
      }
    });

    it(`${name}: every key has a Chinese text with the same placeholders, shown in Chinese`, () => {
      for (const key of keys) {
        const zh = texts.zhCN[key];
        assert.equal(typeof zh, 'string', key);
        assert.deepEqual(templatePlaceholders(zh ?? ''), templatePlaceholders(texts.en[key] ?? ''), key);
        assert.equal(dictionaries['zh-CN'][key as keyof (typeof dictionaries)['zh-CN']], zh, `${key} is spread into zh-CN.ts`);
        const template = (core.templates as Readonly<Record<string, string>>)[key] ?? '';
        const shown = coreText('zh-CN', sampleText(key, template), FALLBACK);
        assert.notEqual(shown, FALLBACK, key);
        // Only pure number formats may read the same in both languages; everything else is translated.
        if (!SAME_IN_BOTH.has(key)) {
          assert.notEqual(zh, texts.en[key], `${key} is translated`);
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
