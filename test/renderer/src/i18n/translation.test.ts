// translationOf: the check is the compiler's, so the cases it must reject are
// marked @ts-expect-error; `npm run typecheck` (test/tsconfig.json) fails if
// any of them stops being an error. At run time the texts pass through as given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translationOf } from '../../../../renderer/src/i18n/translation.js';

type English = { readonly 'x.fan': 'fan {fan} turns at {rpm} RPM'; readonly 'x.plain': 'Nothing to do.'; readonly 'x.one': '{items}.' };
const chinese = translationOf<English>();

describe('translationOf', () => {
  it('accepts every key with the same placeholders, in any order, and returns the texts as given', () => {
    const texts = { 'x.fan': '风扇 {fan} 转速为 {rpm} RPM', 'x.plain': '无需处理。', 'x.one': '{items}。' } as const;
    const out = chinese(texts);
    assert.equal(out, texts);
    assert.equal(chinese({ 'x.fan': '{rpm} RPM：风扇 {fan}', 'x.plain': '无', 'x.one': '{items}' })['x.fan'], '{rpm} RPM：风扇 {fan}');
  });

  it('rejects a missing, extra or misspelt placeholder, a missing key and an extra key at compile time', () => {
    const wrong = [
      // @ts-expect-error a placeholder is missing
      chinese({ 'x.fan': '风扇 {fan} 转动', 'x.plain': '无需处理。', 'x.one': '{items}。' }),
      // @ts-expect-error a placeholder the English does not have
      chinese({ 'x.fan': '风扇 {fan} 转速为 {rpm} RPM', 'x.plain': '无需处理 {n}。', 'x.one': '{items}。' }),
      // @ts-expect-error a misspelt placeholder
      chinese({ 'x.fan': '风扇 {fan} 转速为 {rpm} RPM', 'x.plain': '无需处理。', 'x.one': '{item}。' }),
      // @ts-expect-error a key is missing
      chinese({ 'x.fan': '风扇 {fan} 转速为 {rpm} RPM', 'x.plain': '无需处理。' }),
      // @ts-expect-error a key the English does not have
      chinese({ 'x.fan': '风扇 {fan} 转速为 {rpm} RPM', 'x.plain': '无需处理。', 'x.one': '{items}。', 'x.more': '更多' }),
    ];
    // Run time does not check: the values pass through, which is why the compiler must.
    assert.deepEqual(wrong.map((w) => Object.keys(w).length), [3, 3, 3, 2, 4]);
  });
});
