// Redaction shared by the logger and the support bundle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_SCRUB_LENGTH, REDACTED, isSecretKey, redactText, redactValue } from '../../../electron/core/diagnostics/redact.js';

test('secret-looking keys are recognised; ordinary pool fields are not', () => {
  for (const k of ['Password', 'passwd1', 'pass', 'webPassword', 'token', 'Authorization', 'auth', 'apiKey', 'cookie']) assert.ok(isSecretKey(k), k);
  for (const k of ['User', 'URL', 'Status', 'Stratum Active', 'Difficulty Accepted', 'worker1', 'author']) assert.ok(!isSecretKey(k), k);
});

test('JSON pairs, form fields, auth headers and URL userinfo lose their values', () => {
  assert.equal(redactText('{"User":"w1","Password":"s3cr3t!x","Status":"Alive"}'), `{"User":"w1","Password":"${REDACTED}","Status":"Alive"}`);
  assert.equal(redactText('{"Password":"a\\"b","x":1}'), `{"Password":"${REDACTED}","x":1}`);
  assert.equal(redactText('pool1=p&worker1=w&passwd1=hunter2&x=1'), `pool1=p&worker1=w&passwd1=${REDACTED}&x=1`);
  assert.equal(redactText('Authorization: Basic YWRtaW46cGFzcw=='), `Authorization: Basic ${REDACTED}`);
  assert.equal(redactText('stratum+tcp://me:pw123@pool.example.com:3333'), `stratum+tcp://me:${REDACTED}@pool.example.com:3333`);
  assert.equal(redactText("{'Password': 'abc'}"), `{'Password': '${REDACTED}'}`);
});

test('credential-carrying cgminer commands (setpool, ascset password) are cut, in text and JSON form', () => {
  assert.equal(redactText('API: setpool|admin,webpw,0,stratum+tcp://p:1,w,pp'), `API: setpool|${REDACTED}`);
  assert.equal(redactText('{"command":"setpool","parameter":"admin,webpw,1,u,w"}'), `{"command":"setpool","parameter":"${REDACTED}"}`);
  assert.equal(redactText('ascset|0,password,oldpw,newpw'), `ascset|0,password,${REDACTED}`);
});

test('known secrets are scrubbed wherever they appear, in plain, JSON-escaped and URL-encoded form', () => {
  const secrets = ['hunter2"x', 'p@ss word'];
  const out = redactText('log: hunter2"x and "hunter2\\"x" and p%40ss%20word and p@ss word', { secrets });
  assert.equal(out, `log: ${REDACTED} and "${REDACTED}" and ${REDACTED} and ${REDACTED}`);
});

test(`secrets shorter than ${MIN_SCRUB_LENGTH} characters are not scrubbed by value (the text would be destroyed)`, () => {
  assert.equal(redactText('x marks the spot', { secrets: ['x'] }), 'x marks the spot');
  assert.equal(redactText('{"Password":"x"}', { secrets: ['x'] }), `{"Password":"${REDACTED}"}`);
});

test('wallet addresses as worker names are shortened only when asked; hex ids stay', () => {
  const text = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.rig1 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.w2 dna 0201413544f7efa1';
  assert.equal(redactText(text), text);
  assert.equal(redactText(text, { walletWorkers: true }), 'bc1qar…5mdq.rig1 1A1zP1…vfNa.w2 dna 0201413544f7efa1');
});

test('redactValue copies deeply, replaces secret keys, scrubs strings, survives hostile depth', () => {
  const input = { pools: [{ User: 'w', Password: 'longsecret', note: 'was longsecret' }], empty: { pass: '' } };
  const out = redactValue(input, { secrets: ['longsecret'] });
  assert.deepEqual(out, { pools: [{ User: 'w', Password: REDACTED, note: `was ${REDACTED}` }], empty: { pass: '' } });
  assert.equal(input.pools[0]?.Password, 'longsecret', 'the input is untouched');
  let deep: unknown = 'leaf';
  for (let i = 0; i < 100; i++) deep = { d: deep };
  assert.match(JSON.stringify(redactValue(deep)), /nested too deep/);
});

test('a recorded command object loses the credentials in its parameter (audit log entries)', () => {
  assert.deepEqual(redactValue({ action: 'setpool', parameter: 'admin,webpw,0,url,w,pw' }), { action: 'setpool', parameter: REDACTED });
  assert.deepEqual(redactValue({ command: 'ascset', parameter: '0,password,old,new' }), { command: 'ascset', parameter: `0,password,${REDACTED}` });
  assert.deepEqual(redactValue({ command: 'ascset', parameter: '0,workmode,set,2' }), { command: 'ascset', parameter: '0,workmode,set,2' });
});
