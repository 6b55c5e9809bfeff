// Every text the health checks generate, as English templates under stable
// keys. The checks build keyed texts from here and render the English from
// the same template, so the English the CLI and bundles carry and the key
// the renderer translates can never drift apart. The renderer's English
// dictionary (renderer/src/i18n/features/health-messages.ts) must match this
// table; a test checks it.
import { defineMessages } from '../../contract/message-text.js';

export const HEALTH_MESSAGES = defineMessages({
  'health.title.connection': 'Connection',
  'health.title.run-state': 'Run state',
  'health.title.error-codes': 'Error codes',
  'health.title.boards': 'Hash boards',
  'health.title.chips': 'Chips',
  'health.title.temperature': 'Temperature',
  'health.title.fans': 'Fans',
  'health.title.power-supply': 'Power supply',
  'health.title.hashrate': 'Hash rate',
  'health.title.hardware-errors': 'Hardware errors',
  'health.title.firmware': 'Firmware and uptime',
  'health.title.reboot-reason': 'Last restart',
  'health.title.exposure': 'Who can change this device',
  'health.title.pools': 'Pools',

  'health.clauses': '{items}.',
  'health.noModules': 'The device sent no module statistics (estats/stats), so this cannot be judged.',
  'health.next.nothing': 'Nothing to do.',
  'health.next.sendBundle': 'If it persists, export a support bundle and send it to support.',

  'health.duration.days': '{d} d {h} h',
  'health.duration.hours': '{h} h {m} min',
  'health.duration.minutes': '{m} min',
  'health.duration.seconds': '{s} s',

  'health.runState.noReport': '{module} does not report its run state',
  'health.runState.overHot': '{module} reports "{shown}": it stopped hashing because it is too hot',
  'health.runState.work': '{module} is hashing',
  'health.runState.fault': '{module} reports a fault ("{shown}") and has stopped hashing',
  'health.runState.init': '{module} is starting up or calibrating',
  'health.runState.standby': '{module} is in standby (switched off by a user or a schedule)',
  'health.runState.idle': '{module} is idle although nobody switched it off: usually it has no work from a pool',
  'health.runState.other': '{module} reports a state Hearth does not know: "{shown}"',
  'health.runState.next.fail': 'Check the temperature, fans and boards below: they usually say why. Let the device cool, clean its air path, then restart it.',
  'health.runState.next.warn': 'Wait a few minutes after a restart; if it stays like this, check the pools below.',

  'health.errorCodes.none': 'The device reports no hash-board or control-board error codes (ECHU/ECMM).',
  'health.errorCodes.allOkOne': 'All {count} error code read "no error" (or a value Canaan documents as normal).',
  'health.errorCodes.allOk': 'All {count} error codes read "no error" (or a value Canaan documents as normal).',
  'health.errorCodes.item': '{where}: {what}',
  'health.errorCodes.whereBoard': 'hash board {board} (ECHU {code})',
  'health.errorCodes.whereControl': 'control board (ECMM {code})',
  'health.errorCodes.unknownBit': 'bit {bits} not documented for this model',
  'health.errorCodes.unknownBits': 'bits {bits} not documented for this model',
  'health.errorCodes.unexplained': 'a code no published source explains',
  'health.errorCodes.next.fail':
    'Power the device off, check that the hash board cables are firmly seated, and power it on again. If the code returns, the board needs repair: send a support bundle.',
  'health.errorCodes.next.unknown': 'Hearth shows this code as is because no published source explains it. Send a support bundle so support can look it up.',

  'health.code.noError.hashBoard': 'no hash board error reported',
  'health.code.noError.controlBoard': 'no control board error reported',
  'health.code.noError.powerSupply': 'no power supply error reported',
  'health.code.echu.normal': 'hash board normal (Canaan: 0 or 512 = normal)',
  'health.code.echu.abnormal': 'hash board abnormal (Canaan: 513 = abnormal)',
  'health.code.ecmm.mmProblem': 'control board problem, or poor contact between the control board and a hash board',
  'health.code.psu.inputUnderVoltage': 'input (mains) voltage too low',
  'health.code.psu.ot1': 'power supply over-temperature (sensor 1)',
  'health.code.psu.ot2': 'power supply over-temperature (sensor 2)',
  'health.code.psu.ot3': 'power supply over-temperature (sensor 3)',
  'health.code.psu.inputOverCurrent': 'input over-current',
  'health.code.psu.outputUnderVoltage': 'output voltage too low',
  'health.code.psu.outputOverCurrent': 'output over-current',
  'health.code.psu.csError': 'current-sharing (CS) error',
  'health.code.psu.ocA': 'over-current, output A (OC_IOSA)',
  'health.code.psu.ocB': 'over-current, output B (OC_IOSB)',
  'health.code.psu.ocC': 'over-current, output C (OC_IOSC)',
  'health.code.psu.fanFailed': 'power supply fan failed',
  'health.code.bootby.clear': 'no restart reason recorded',
  'health.code.bootby.powerOn': 'the device was powered on',
  'health.code.bootby.overheat': 'the firmware restarted the device because it overheated',
  'health.code.bootby.netFail': 'the firmware restarted the device after a network failure',
  'health.code.bootby.web': 'restarted from the web interface',
  'health.code.bootby.api': 'restarted by an API command from the network',
  'health.code.bootby.options': 'restarted to apply changed settings',
  'health.code.bootby.polling': 'restarted by the polling watchdog',
  'health.code.bootby.poolInactive': 'restarted because no pool was active',
  'health.code.bootby.lowMemory': 'restarted because memory ran low',
  'health.code.bootby.unknown': 'the firmware itself does not know why it restarted',

  'health.boards.missing': '{module} reports {reported} of the {expected} hash boards this model has',
  'health.boards.silent': 'hash board {board} of {module} sends no temperature or voltage readings: it is not running',
  'health.boards.notReported': 'The device does not report its hash boards one by one.',
  'health.boards.pass': 'Every hash board the model has is reporting.',
  'health.boards.next.fail':
    "Power the device off, reseat the hash board's data and power cables, and power it on. If the board stays missing it needs repair: send a support bundle.",

  'health.chips.none': 'The device does not report per-chip temperatures or voltages (or no board is running).',
  'health.chips.pass': "All {chips} chips read close to their board's median temperature and voltage.",
  'health.chips.kind.temperature': 'temperature',
  'health.chips.kind.voltage': 'voltage',
  'health.chips.silentItem': 'board {board} chip {chip} ({kind}: no reading)',
  'health.chips.outlierItem': 'board {board} chip {chip} ({kind} {value}, board median {median})',
  'health.chips.more': '{items} and {more} more',
  'health.chips.silent': 'Some chips give no reading while their neighbours do: {list}.',
  'health.chips.far': 'Some chips run far from their neighbours: {list}.',
  'health.chips.next.silent': 'A chip that stops answering usually needs a board repair. Send a support bundle; the heat map shows which chip.',
  'health.chips.next.far': 'A single hot chip often means dust or a loose heatsink at that spot: clean the device. If it persists, send a support bundle.',

  'health.temperature.overHot': '{module} reports that it is over temperature and has stopped hashing (hottest reading {hottest} °C).',
  'health.temperature.regulated': "The chips average {average} °C against the device's own target of {target} °C.",
  'health.temperature.regulatedHottest': "The chips average {average} °C against the device's own target of {target} °C (hottest {hottest} °C).",
  'health.temperature.cannotKeepUp': '{said} The cooling cannot keep up.',
  'health.temperature.struggling': '{said} The cooling is struggling.',
  'health.temperature.none': 'The device reports no temperature.',
  'health.temperature.overLimit': "The hottest chip reads {hottest} °C, above Hearth's limit of {limit} °C.",
  'health.temperature.above': 'The hottest chip reads {hottest} °C, above {limit} °C.',
  'health.temperature.below': 'The hottest chip reads {hottest} °C, below {limit} °C.',
  'health.temperature.next':
    'Give the device cool, free-flowing air: clear the intake and exhaust, clean dust from the fans and heatsinks, and lower the room temperature or the work mode.',

  'health.fans.none': 'The device reports no fan speeds.',
  'health.fans.stopped': 'fan {fan} is not turning although it is set to {duty} %',
  'health.fans.slow': 'fan {fan} turns at {rpm} RPM, much slower than the others ({median} RPM)',
  'health.fans.full': "{module}'s fans run at full speed: cooling is at its limit",
  'health.fans.off': 'The fans are off, as set (the device is not hashing).',
  'health.fans.pass': 'Every fan turns, in step with the others.',
  'health.fans.next.fail': 'Power the device off, check that nothing blocks the fan and that its cable is plugged in; replace the fan if it still does not turn.',
  'health.fans.next.warn': 'Clean the fans and the air path; a fan that stays slow is wearing out and should be replaced.',

  'health.power.code': 'error code {code}',
  'health.power.codeMeanings': 'error code {code} ({meanings})',
  'health.power.undocumentedBit': 'undocumented bit {bits}',
  'health.power.undocumentedBits': 'undocumented bits {bits}',
  'health.power.errors': 'The power supply reports {codes}.',
  'health.power.overMpo': '{module} draws {watts} W at the wall, above the {mpo} W its calibration allows',
  'health.power.overRated': 'it draws {watts} W at the wall, above the {rated} W this model is rated for',
  'health.power.none': 'The device reports no power supply readings.',
  'health.power.warn': 'The power supply reports no error, but {items}.',
  'health.power.passWatts': 'The power supply reports no error; the device draws {watts} W.',
  'health.power.pass': 'The power supply reports no error.',
  'health.power.next.error':
    'Switch the device off at the wall for a minute (Canaan: the supply may cut power to the boards and needs an AC power cycle), check the mains cable and socket, then switch on. If the error returns, the power supply needs service.',
  'health.power.next.warn': 'Make sure the circuit is not shared with other heavy loads; choose a lower work mode if it stays high.',

  'health.hashrate.none': 'The device reports no hash rate.',
  'health.hashrate.standby': 'The device is in standby (switched off by a user or a schedule), so it is not hashing.',
  'health.hashrate.noRating': 'The device hashes at {ths} TH/s; no rating is known for this model to compare with.',
  'health.hashrate.notHashing': 'The device is not hashing.',
  'health.hashrate.ratio': 'The device hashes at {ths} TH/s, {percent} % of {basis}.',
  'health.hashrate.basisChips': '{ths} TH/s, the rate its chips are set for (GHSmm less the chip error ratio)',
  'health.hashrate.basisRating': 'its rating of {ths} TH/s',
  'health.hashrate.next.standby': 'Switch it on from the device page when you want it to mine.',
  'health.hashrate.next.notHashing': 'See the run state, temperature and pool checks: they usually say why.',
  'health.hashrate.next.low': 'See the boards, temperature and pool checks; a device that has just restarted needs a few minutes to reach full speed.',

  'health.hwErrors.none': 'The device reports no hardware-error rate.',
  'health.hwErrors.dh': 'The chip error ratio (DH) is {percent} % (Canaan calls 0.6-1.6 % normal on its A10 series).',
  'health.hwErrors.share': 'The hardware error share is {percent} % (Canaan calls 0.6-1.6 % normal on its A10 series).',
  'health.hwErrors.next': 'Many chip errors usually mean heat or an unstable supply: check the temperature and power checks, clean the device, or choose a lower work mode.',

  'health.firmware.none': 'The device reports neither its firmware nor its uptime.',
  'health.firmware.unknown': 'unknown',
  'health.firmware.said': 'Firmware {firmware}.',
  'health.firmware.saidBuild': 'Firmware {firmware} ({build} build).',
  'health.firmware.saidUptime': 'Firmware {firmware}, running for {uptime}.',
  'health.firmware.saidBuildUptime': 'Firmware {firmware} ({build} build), running for {uptime}.',
  'health.firmware.notRelease': '{said} This is not a release build.',
  'health.firmware.recent': '{said} It restarted only recently, so its averages are still settling.',
  'health.firmware.next.release': "Install Canaan's current release firmware for this model.",
  'health.firmware.next.recent': 'Run the health check again in ten minutes; see the restart reason below.',

  'health.reboot.none': 'This model does not report why it last restarted.',
  'health.reboot.unlisted': 'The restart reason code {code} is not in any published table.',
  'health.reboot.last': 'Last restart: {meaning} ({name}).',
  'health.reboot.next.unlisted': 'Send a support bundle if the device restarts unexpectedly.',
  'health.reboot.next.warn': 'This restart was the firmware protecting itself: check the temperature, network and pool checks for the cause.',

  'health.connection.refused': 'The device answered but its API port is closed: it may be restarting, or the API is switched off.',
  'health.connection.timeout': 'The device did not answer in time: it may be off, restarting, or overloaded.',
  'health.connection.unreachable': 'No route to the device: it is off, disconnected, or its address changed.',
  'health.connection.reset': 'The device dropped the connection half-way through its answer.',
  'health.connection.too-large': 'The device sent far more data than any Avalon does: this may not be a miner.',
  'health.connection.invalid-reply': 'Something answered on the port, but not with a CGMiner reply.',
  'health.connection.not-cgminer': 'Something answered on the port, but it is not a CGMiner API.',
  'health.connection.not-avalon': 'A CGMiner answered, but it does not identify as an Avalon.',
  'health.connection.status-error': 'The device refused the request.',
  'health.connection.access-denied': 'The device refuses this computer: its API access list does not include this address.',
  'health.connection.failed': '{help} ({message})',
  'health.connection.next':
    "Check that the device is powered and plugged into the network, that its address has not changed (see your router's list of devices), then run the check again.",

  'health.exposure.reason.unrecognised': "the model is not recognised, so its firmware's access rules are not known",
  'health.exposure.reason.open':
    '{model} firmware accepts every API command, device-changing ones included, from any address on the network: its address and group checks are compiled out',
  'health.exposure.reason.aSeries':
    'Canaan documents device-changing commands over the plain API port with no authentication step for this generation, and common tools send them without credentials',
  'health.exposure.reason.controller':
    "the controller's cgminer only accepts device-changing commands from the addresses in its api-allow setting (the stock image allows a whole /24 network)",
  'health.exposure.reason.usb': 'USB-attached devices have no network API',
  'health.exposure.confirmedAny':
    'Confirmed: the device accepts device-changing commands (pools, modes, restart) from this computer without a password, and so from any computer on your network: {reason}.',
  'health.exposure.confirmedProbably':
    'Confirmed: the device accepts device-changing commands (pools, modes, restart) from this computer without a password, and probably from other computers on your network too.',
  'health.exposure.denied': 'The device refuses device-changing commands from this computer: its API access list is in force.',
  'health.exposure.known': 'Known from its firmware: {reason}.',
  'health.exposure.likely': 'Likely from its firmware: {reason}.',
  'health.exposure.notKnown': 'Not known: {reason}. Run the health check to ask the device.',
  'health.exposure.next':
    'Keep the device off the internet: no port forwarding to it on your router, and ideally put miners on a separate guest or IoT network. Change its web password from the default. Hearth cannot switch this off on the device.',
  'health.exposure.next.run': 'Run the health check from the device page.',

  'health.pools.notReported': 'The device did not report its pools.',
  'health.pools.none': 'The device has no pool configured, so it has nothing to mine.',
  'health.pools.allDisabled': 'Every pool is disabled, so the device has nothing to mine.',
  'health.pools.allDead': 'The device reports every pool as dead, so it cannot mine.',
  'health.pools.allDeadDeviceSide':
    "The device reports every pool as dead, so it cannot mine. Hearth can reach the pool from this computer, so the problem is on the device's side: its network settings (gateway, DNS) or its cable or Wi-Fi.",
  'health.pools.allDeadEverywhere':
    'The device reports every pool as dead, so it cannot mine. Hearth cannot reach the pool from here either: the pool or your internet connection is down, or the address is wrong.',
  'health.pools.someDead': '{dead} of {used} pools are dead on the device (the others take over)',
  'health.pools.unreachableHere': 'Hearth cannot reach pool {pool} from this computer although the device can ({reason})',
  'health.pools.noAnswer': 'no answer',
  'health.pools.slow': 'pool {pool} took {ms} ms to answer',
  'health.pools.warn': 'The device is mining, but {notes}.',
  'health.pools.alive': "The device's pool is alive.",
  'health.pools.aliveLatency': "The device's pool is alive. It answers Hearth in {ms} ms.",
  'health.pools.next.notReported': 'Run the health check again; if it persists, send a support bundle.',
  'health.pools.next.none': "Add a pool on the device's pool settings.",
  'health.pools.next.disabled': 'Enable a pool on the device.',
  'health.pools.next.dead': "Check the pool address and port, and the device's network connection; then restart the device.",
  'health.pools.next.warn': 'Fix or remove the dead pool; a slow pool costs stale shares, so prefer one closer to you.',
} as const);

export type HealthMessageKey = keyof typeof HEALTH_MESSAGES.templates;

/** Every key a health check can emit. */
export const HEALTH_MESSAGE_KEYS = Object.keys(HEALTH_MESSAGES.templates) as HealthMessageKey[];

export const healthText = HEALTH_MESSAGES.text;
export const healthEnglish = HEALTH_MESSAGES.english;
