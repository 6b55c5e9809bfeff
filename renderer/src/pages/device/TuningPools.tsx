// Pool management on the tuning tab: the operations this model's firmware has
// (switch, enable, disable, remove, priority, add, or writing a slot with the
// web login). Passwords go into the request only: inputs are cleared after
// sending and never shown back.
import { useState, type FormEvent } from 'react';
import type { FleetDevice } from '../../../../electron/contract/fleet.js';
import type { ChangeRequest, PoolOp, PoolOpName } from '../../../../electron/contract/tuning.js';
import { useI18n } from '../../i18n/context.js';
import { requestText } from '../../tuning/logic.js';
import type { PendingChange } from './TuningParts.js';

const MAX_POOLS = 3;
/** Operations that can move hashing to another pool: confirmed first (docs/tuning.md). */
const INTERRUPTING: ReadonlySet<PoolOpName> = new Set(['remove', 'disable', 'switch', 'priority']);

export function TuningPools({
  device,
  poolOps,
  busy,
  onChange,
}: {
  device: FleetDevice;
  poolOps: readonly PoolOpName[];
  busy: boolean;
  onChange(request: ChangeRequest, change: PendingChange): void;
}) {
  const { t } = useI18n();
  const pools = [...(device.snapshot?.pools ?? [])].sort((a, b) => (a.priority ?? a.index) - (b.priority ?? b.index));
  const has = (op: PoolOpName) => poolOps.includes(op);
  const send = (pool: PoolOp) => {
    const request: ChangeRequest = { kind: 'pool', pool };
    onChange(request, { change: requestText(t, request), effect: t(`tuning.effect.pool.${pool.op}`), interrupts: INTERRUPTING.has(pool.op) });
  };
  const rowOps = (['switch', 'enable', 'disable', 'remove', 'priority'] as const).filter(has);

  return (
    <section className="panel" aria-labelledby="tuning-pools-title" data-testid="tuning-pools">
      <h2 id="tuning-pools-title" className="panel-title">
        {t('tuning.pools.title')}
      </h2>
      {poolOps.length === 0 ? <p className="muted">{t('tuning.pools.none')}</p> : null}
      {pools.length > 0 && rowOps.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('tuning.pools.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('pools.col.url')}</th>
                <th scope="col">{t('pools.col.user')}</th>
                <th scope="col">{t('pools.col.status')}</th>
                <th scope="col">{t('tuning.pools.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {pools.map((p, rank) => (
                <tr key={p.index} className={p.active ? 'row-active' : undefined} data-testid="tuning-pool-row">
                  <td>{p.index}</td>
                  <td className="mono cell-wrap">{p.url}</td>
                  <td className="mono cell-wrap">{p.user ?? ''}</td>
                  <td>{p.status}</td>
                  <td className="tuning-pool-actions">
                    {has('switch') && !p.active ? (
                      <button type="button" className="button button-small" disabled={busy} onClick={() => send({ op: 'switch', index: p.index })}>
                        {t('tuning.pools.switch')}
                      </button>
                    ) : null}
                    {has('enable') && p.status === 'Disabled' ? (
                      <button type="button" className="button button-small" disabled={busy} onClick={() => send({ op: 'enable', index: p.index })}>
                        {t('tuning.pools.enable')}
                      </button>
                    ) : null}
                    {has('disable') && p.status !== 'Disabled' ? (
                      <button type="button" className="button button-small" disabled={busy} onClick={() => send({ op: 'disable', index: p.index })}>
                        {t('tuning.pools.disable')}
                      </button>
                    ) : null}
                    {has('priority') && rank > 0 ? (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        onClick={() => {
                          const order = pools.map((x) => x.index);
                          [order[rank - 1], order[rank]] = [order[rank] as number, order[rank - 1] as number];
                          send({ op: 'priority', order });
                        }}
                      >
                        {t('tuning.pools.up')}
                      </button>
                    ) : null}
                    {has('remove') ? (
                      <button type="button" className="button button-small button-danger-quiet" disabled={busy} onClick={() => send({ op: 'remove', index: p.index })}>
                        {t('tuning.pools.remove')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {has('add') ? <PoolForm kind="add" busy={busy} full={pools.length >= MAX_POOLS} onSend={send} /> : null}
      {has('set') ? <PoolForm kind="set" busy={busy} full={false} onSend={send} /> : null}
    </section>
  );
}

function PoolForm({ kind, busy, full, onSend }: { kind: 'add' | 'set'; busy: boolean; full: boolean; onSend(op: PoolOp): void }) {
  const { t } = useI18n();
  const [slot, setSlot] = useState('0');
  const [url, setUrl] = useState('stratum+tcp://');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [webUser, setWebUser] = useState('root');
  const [webPassword, setWebPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSend(
      kind === 'add'
        ? { op: 'add', url: url.trim(), user: user.trim(), password }
        : { op: 'set', index: Number(slot), url: url.trim(), user: user.trim(), password, webUser: webUser.trim(), webPassword },
    );
    // Secrets do not stay in the page once sent.
    setPassword('');
    setWebPassword('');
  };
  return (
    <form className="form tuning-pool-form" onSubmit={submit} data-testid={`tuning-pool-${kind}`} autoComplete="off">
      <h3 className="small">{kind === 'add' ? t('tuning.pools.add') : t('tuning.pools.set')}</h3>
      {kind === 'set' ? <p className="muted small">{t('tuning.pools.setHelp')}</p> : null}
      {full ? <p className="muted small">{t('tuning.pools.limit')}</p> : null}
      {kind === 'set' ? (
        <label className="field">
          <span>{t('tuning.pools.slot')}</span>
          <select value={slot} onChange={(e) => setSlot(e.target.value)}>
            {[0, 1, 2].map((i) => (
              <option key={i} value={String(i)}>
                {i}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="field">
        <span>{t('tuning.pools.url')}</span>
        <input value={url} onChange={(e) => setUrl(e.target.value)} maxLength={384} spellCheck={false} required />
      </label>
      <label className="field">
        <span>{t('tuning.pools.user')}</span>
        <input value={user} onChange={(e) => setUser(e.target.value)} maxLength={128} spellCheck={false} required />
      </label>
      <label className="field">
        <span>{t('tuning.pools.password')}</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={128} autoComplete="new-password" required={kind === 'add'} />
      </label>
      {kind === 'set' ? (
        <>
          <label className="field">
            <span>{t('tuning.pools.webUser')}</span>
            <input value={webUser} onChange={(e) => setWebUser(e.target.value)} maxLength={64} autoComplete="off" required />
          </label>
          <label className="field">
            <span>{t('tuning.pools.webPassword')}</span>
            <input type="password" value={webPassword} onChange={(e) => setWebPassword(e.target.value)} maxLength={64} autoComplete="new-password" required />
          </label>
        </>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={busy || full}>
          {t('tuning.pools.submit')}
        </button>
      </div>
    </form>
  );
}
