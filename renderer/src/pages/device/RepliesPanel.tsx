// Each reply decoded (the snapshot's structure for it) or raw (the parsed
// reply as the device sent it), with a read-only refetch through device.raw.
import { useMemo, useState } from 'react';
import type { ReadOnlyCommand } from '../../../../electron/contract/api.js';
import type { DeviceSnapshot } from '../../../../electron/contract/snapshot.js';
import { toRequestError } from '../../api/errors.js';
import { RefreshIcon } from '../../components/Icons.js';
import { useI18n } from '../../i18n/context.js';
import { useApi } from '../../state/api.js';

const READ_ONLY_COMMANDS: readonly ReadOnlyCommand[] = ['version', 'summary', 'pools', 'devs', 'edevs', 'stats', 'estats', 'config', 'devdetails', 'coin', 'litestats'];

function isReadOnly(command: string): command is ReadOnlyCommand {
  return (READ_ONLY_COMMANDS as readonly string[]).includes(command);
}

/** The part of the snapshot decoded from a command's reply; the whole snapshot (minus raw) for the rest. */
export function decodedPart(snapshot: DeviceSnapshot, command: string): unknown {
  switch (command) {
    case 'version':
      return snapshot.identity;
    case 'summary':
      return snapshot.summary;
    case 'pools':
      return snapshot.pools;
    case 'stats':
    case 'estats':
      return { modules: snapshot.modules, derived: snapshot.derived, warnings: snapshot.warnings };
    default: {
      const { raw: _raw, ...rest } = snapshot;
      return rest;
    }
  }
}

export function RepliesPanel({ deviceId, snapshot, raw }: { deviceId: string; snapshot: DeviceSnapshot | undefined; raw: Readonly<Record<string, unknown>> | undefined }) {
  const api = useApi();
  const { t, fmt } = useI18n();
  const commands = useMemo(() => [...new Set([...Object.keys(raw ?? {}), ...READ_ONLY_COMMANDS])], [raw]);
  const [command, setCommand] = useState<string>(() => commands[0] ?? 'summary');
  const [view, setView] = useState<'decoded' | 'raw'>('decoded');
  const [fetched, setFetched] = useState<Record<string, { reply: unknown; at: number }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const refresh = async () => {
    if (!isReadOnly(command)) return;
    setBusy(true);
    setError(undefined);
    try {
      const { reply } = await api.request('device.raw', { id: deviceId, command });
      setFetched((f) => ({ ...f, [command]: { reply, at: Date.now() } }));
      setView('raw');
    } catch (e) {
      setError(toRequestError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const reply = fetched[command]?.reply ?? raw?.[command];
  const body = view === 'decoded' ? (snapshot ? decodedPart(snapshot, command) : undefined) : reply;
  const text = body === undefined ? undefined : JSON.stringify(body, null, 2);

  return (
    <section className="panel">
      <div className="replies-toolbar">
        <label className="field-inline">
          <span>{t('replies.command')}</span>
          <select value={command} onChange={(e) => setCommand(e.target.value)} data-testid="replies-command">
            {commands.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="radiogroup" aria-label={t('replies.view')}>
          {(['decoded', 'raw'] as const).map((v) => (
            <label key={v} className="segment">
              <input type="radio" name="reply-view" value={v} checked={view === v} onChange={() => setView(v)} />
              <span>{t(`replies.${v}`)}</span>
            </label>
          ))}
        </div>
        <button type="button" className="button" onClick={refresh} disabled={busy || !isReadOnly(command)} data-testid="replies-refresh">
          <RefreshIcon />
          {busy ? t('replies.refreshing') : t('replies.refresh')}
        </button>
      </div>
      {fetched[command] && view === 'raw' ? <p className="muted small">{t('replies.fetchedAt', { time: fmt.time(fetched[command].at) })}</p> : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {text === undefined ? (
        <p className="muted">{view === 'raw' ? t('replies.noRaw') : t('replies.noSnapshot')}</p>
      ) : (
        <pre className="json" data-testid="replies-json" tabIndex={0} aria-label={t('replies.jsonLabel', { command, view: t(`replies.${view}`) })}>
          {text}
        </pre>
      )}
    </section>
  );
}
