// Keyed texts on the wire: the schema accepts nested texts and lists and
// refuses malformed ones; formatMessage fills placeholders, joins lists and
// reports an unknown key (anywhere in the text) as undefined.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineMessages, formatMessage, listOf, MessageTextSchema, templatePlaceholders, type MessageLanguage } from '../../../electron/contract/message-text.js';

const lang = (templates: Record<string, string>): MessageLanguage => ({
  template: (k) => (Object.hasOwn(templates, k) ? templates[k] : undefined),
  separators: { list: ' | ', series: ' + ' },
});

test('the schema takes nested texts and lists, and refuses malformed ones', () => {
  const good = { key: 'a', params: { n: 1, s: 'x', t: { key: 'b' }, l: { join: 'series', items: [1, { key: 'c', params: { m: 2 } }] } } };
  assert.deepEqual(MessageTextSchema.parse(good), good);
  for (const bad of [{}, { key: '' }, { key: 'x'.repeat(121) }, { key: 'a', params: { n: true } }, { key: 'a', params: { l: { join: 'other', items: [] } } }, 'a']) {
    assert.equal(MessageTextSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('formatMessage fills placeholders, renders nested texts and joins lists with the language\'s separators', () => {
  const l = lang({ outer: '{what}: {items}.', inner: 'fan {n}', plain: 'nothing' });
  assert.equal(formatMessage({ key: 'outer', params: { what: { key: 'plain' }, items: listOf([{ key: 'inner', params: { n: 1 } }, 'raw words', 3], 'series') } }, l), 'nothing: fan 1 + raw words + 3.');
  assert.equal(formatMessage({ key: 'outer', params: { what: 'x', items: listOf(['a', 'b']) } }, l), 'x: a | b.');
  // A placeholder without a value stays visible rather than vanishing.
  assert.equal(formatMessage({ key: 'inner' }, l), 'fan {n}');
  // Parameter names are looked up as own properties only.
  assert.equal(formatMessage({ key: 'inner', params: JSON.parse('{"__proto__": "p"}') as Record<string, string> }, l), 'fan {n}');
  assert.equal(formatMessage({ key: 'missing' }, l), undefined);
  assert.equal(formatMessage({ key: 'outer', params: { what: { key: 'missing' }, items: 'x' } }, l), undefined);
  assert.equal(formatMessage({ key: 'outer', params: { what: 'x', items: listOf([{ key: 'missing' }]) } }, l), undefined);
});

test('defineMessages renders English and refuses a key outside its catalog', () => {
  const m = defineMessages({ 'x.fan': 'fan {fan} at {rpm} RPM', 'x.list': '{items}.' } as const);
  assert.deepEqual(m.text('x.fan', { fan: 2, rpm: 900 }), { key: 'x.fan', params: { fan: 2, rpm: 900 } });
  assert.equal(m.english(m.text('x.list', { items: listOf([m.text('x.fan', { fan: 1, rpm: 5 }), 'y']) })), 'fan 1 at 5 RPM; y.');
  assert.throws(() => m.english({ key: 'x.other' }), /outside the catalog: x\.other/);
  assert.deepEqual(templatePlaceholders('{b} and {a}, {b}'), ['a', 'b', 'b']);
});
