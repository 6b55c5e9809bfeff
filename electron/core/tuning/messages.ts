// Every text the tuning core generates (a change's outcome, why it was not
// sent, the access-denied fix, what a control does), as English templates
// under stable keys. The core renders its English from the same template it
// keys, so the CLI's English and the key the renderer translates cannot
// drift apart; the renderer's English dictionary
// (renderer/src/i18n/features/tuning-messages.ts) must match this table, and
// a test checks it. The device's own words are parameters, never keys.
import { defineMessages, type MessageParam, type MessageText } from '../../contract/message-text.js';

export const TUNING_MESSAGES = defineMessages({
  'tune.notSent': 'not sent: {reason}',
  'tune.notOffered': '{model} does not offer {what}',
  'tune.what.poolOp': "pool operation '{op}'",
  'tune.what.control': 'the {control} control',
  'tune.needsConfirmation': "not sent: this {effect}, and needs the user's confirmation",
  'tune.unknownModel': 'not sent: the device model is unknown (poll it first)',
  'tune.batchCancelled': 'not sent: the batch was cancelled',
  'tune.internalError': 'internal error: {message}',
  'tune.pollFailed': 'not sent: the device did not answer a poll ({message})',
  'tune.refused': 'the device refused: {message}',

  'tune.result.afterReboot': 'accepted; it takes effect after the next reboot of the miner',
  'tune.result.noAnswerAfterReboot': 'no usable answer ({message}); a change of this kind would only show after a reboot',
  'tune.result.unreadable': 'accepted by the device; this setting cannot be read back to confirm it',
  'tune.result.noAnswerUnreadable': 'no usable answer ({message}), and this setting cannot be read back',
  'tune.result.noReadBack': 'accepted, but the device did not answer the read-back',
  'tune.result.noAnswerNoReadBack': 'no usable answer ({message}) and no answer to the read-back',
  'tune.result.notReported': 'accepted by the device; it does not report this setting, so it cannot be confirmed',
  'tune.result.noAnswerNotReported': 'no usable answer ({message}), and the device does not report this setting',
  'tune.result.applied': 'applied; the read-back shows the new state',
  'tune.result.appliedWithoutAnswer': 'applied; the device did not answer the command, but the read-back shows the new state',
  'tune.result.notShown': 'the device accepted the command, but the read-back does not show the change',
  'tune.result.noAnswerNotShown': 'no usable answer ({message}), and the read-back does not show the change',
  'tune.result.rebooted': 'restarted and back online after {seconds} s',
  'tune.result.stillRestarting': 'sent; the device is restarting and was not back within {minutes} min',
  'tune.result.keptRunning': 'the device accepted the reboot but kept running for {minutes} min',
  'tune.result.noAnswerKeptRunning': 'no usable answer, and the device kept running',

  'tune.access.thisComputer': "this computer's address",
  'tune.access.controller':
    'The miner only lets listed addresses change it. Add W:{who} to its API allow list: on the controller\'s web page (cgminer configuration, "API Allow"; stored as api_allow), or cgminer\'s --api-allow option, then restart cgminer.',
  'tune.access.aSeries':
    "The miner's API gives this computer read-only access. Add W:{who} to the API allow setting (cgminer's --api-allow option; on the miner's web page where its firmware offers it), then restart the miner.",
  'tune.access.open':
    'This firmware normally accepts changes from any address, so something between Hearth and the miner (a proxy, or modified firmware) refused it. If the miner has an API allow setting, add W:{who} to it.',

  'tune.effect.workmode': 'changes the work mode; hashing re-tunes for a while',
  'tune.effect.worklevel': 'changes the work level; hashing re-tunes for a while',
  'tune.effect.fan': 'sets the fan speed',
  'tune.effect.targetTemp': 'sets the temperature the fans hold',
  'tune.effect.moduleLed': "turns the module's locate LED on or off",
  'tune.effect.led': 'turns the locate LED on or off',
  'tune.effect.nano3Led': 'makes the LED flash (on) or light steadily (off)',
  'tune.effect.nano3sLed': 'makes the LED blink (on) or light steadily (off) in its current colour',
  'tune.effect.moduleReboot': 'restarts one hash module; it stops hashing for a while',
  'tune.effect.reboot': 'restarts the miner; it stops hashing for a few minutes',
  'tune.effect.freq': 'changes the chip frequency of every module; wrong values can stop hashing',
  'tune.effect.voltageLevel': 'changes the hash board voltage of every module; wrong values can stop hashing',
  'tune.effect.supplyVoltage': 'changes the hash board supply voltage; wrong values can stop hashing',
  'tune.effect.softoff': 'stops hashing (standby) until soft on',
  'tune.effect.softon': 'resumes hashing after a soft off',
  'tune.effect.pool.add': 'adds a pool',
  'tune.effect.pool.remove': 'removes a pool; hashing moves on if it was in use',
  'tune.effect.pool.enable': 'enables a pool',
  'tune.effect.pool.disable': 'disables a pool; hashing moves on if it was in use',
  'tune.effect.pool.switch': 'moves hashing to another pool',
  'tune.effect.pool.priority': 'reorders the pools; hashing may move to another pool',
  'tune.effect.pool.set': 'writes the pool; the miner uses it after its next reboot',

  'tune.invalid.noControl': '{model} has no {control} control',
  'tune.invalid.chooseModule': 'choose a module 1-6 of the rig',
  'tune.invalid.moduleFor': '{control}: choose a module 1-6 of the rig',
  'tune.invalid.ledColour': 'the LED colour is unknown: poll the device first',
  'tune.invalid.value': '{control}: {value} is not valid; expected {expected}',
  'tune.expect.nothing': 'no value',
  'tune.expect.onOff': "'on' or 'off'",
  'tune.expect.autoOr': "'auto' or {range}",
  'tune.expect.wholeNumber': 'a whole number',
  'tune.expect.choice': '{value} ({name})',
  'tune.expect.range': '{min}-{max}',
  'tune.expect.rangeUnit': '{min}-{max} {unit}',
  'tune.expect.rangeStep': '{min}-{max} in steps of {step}',
  'tune.expect.rangeUnitStep': '{min}-{max} {unit} in steps of {step}',

  'tune.pool.urlEmpty': 'pool URL is empty',
  'tune.pool.urlTooLong': 'pool URL is longer than {max} characters',
  'tune.pool.urlSpaces': 'pool URL contains spaces or control characters',
  'tune.pool.urlComma': 'pool URL contains a comma, which the miner API cannot carry',
  'tune.pool.stratumV2': 'Stratum V2 pools are not supported by Avalon firmware (cgminer speaks Stratum V1)',
  'tune.pool.urlForm': 'pool URL must look like stratum+tcp://host:port',
  'tune.pool.scheme': 'pool URL scheme must be stratum+tcp, not {scheme}',
  'tune.pool.port': 'pool port {port} is outside 1-65535',
  'tune.pool.ipv6': 'pool host {host} is not an IPv6 address',
  'tune.pool.ipv4': 'pool host {host} is not a valid IPv4 address',
  'tune.pool.hostName': 'pool host {host} is not a valid host name',
  'tune.pool.workerSpace': 'worker name starts or ends with a space',
  'tune.pool.index': 'pool index {index} is outside 0-{last}',
  'tune.pool.missing': 'pool {index} does not exist (the miner has {count})',
  'tune.pool.unsupported': "{model} does not support '{op}' for pools over its API",
  'tune.pool.limit': 'the miner already has {count} pools; the limit is {max}',
  'tune.pool.twice': 'pool priority lists a pool twice',
  'tune.pool.singleA10': 'the A10 series has a single pool: use index 0',
  'tune.pool.noSetpool': 'this firmware has no setpool',
  'tune.field.workerName': 'worker name',
  'tune.field.poolPassword': 'pool password',
  'tune.field.webPassword': 'web password',
  'tune.field.webUser': 'web user',
  'tune.field.notText': '{field} must be text',
  'tune.field.empty': '{field} is empty',
  'tune.field.tooLong': '{field} is longer than {max} characters',
  'tune.field.comma': '{field} contains a comma, which the miner API cannot carry',
  'tune.field.controlChars': '{field} contains control characters',
} as const);

export type TuningMessageKey = keyof typeof TUNING_MESSAGES.templates;

/** Every key the tuning core can emit. */
export const TUNING_MESSAGE_KEYS = Object.keys(TUNING_MESSAGES.templates) as TuningMessageKey[];

export const tuningText = TUNING_MESSAGES.text;
export const tuningEnglish = TUNING_MESSAGES.english;

/** A result's message: the English for the CLI and old readers, the keyed text for the window. */
export function said(text: MessageText): { message: string; text: MessageText } {
  return { message: tuningEnglish(text), text };
}

/** The text with every string parameter passed through `redact` (secrets in pool fields). */
export function redactMessage(text: MessageText, redact: (s: string) => string): MessageText {
  const param = (p: MessageParam): MessageParam => {
    if (typeof p === 'string') return redact(p);
    if (typeof p === 'number') return p;
    if ('items' in p) return { join: p.join, items: p.items.map(param) };
    return redactMessage(p, redact);
  };
  if (text.params === undefined) return { key: text.key };
  return { key: text.key, params: Object.fromEntries(Object.entries(text.params).map(([k, v]) => [k, param(v)])) };
}
