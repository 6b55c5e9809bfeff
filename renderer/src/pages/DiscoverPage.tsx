import { useState, type FormEvent } from 'react';
import { requests } from '../../../electron/contract/api.js';
import type { DiscoveredHost, ScanProgress } from '../../../electron/contract/fleet.js';
import { toRequestError } from '../api/errors.js';
import { deviceAddress } from '../fleet/derive.js';
import { useI18n } from '../i18n/context.js';
import { useApi, useEvent } from '../state/api.js';
import { useFleet } from '../state/fleet.js';
import { useToasts } from '../state/toasts.js';
import { AddDeviceForm } from './discover/AddDeviceForm.js';

/** "192.168.1.0/24, 10.0.0.5 10.0.0.6:4029" -> three targets. */
function parseTargets(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

const hostKey = (h: Pick<DiscoveredHost, 'host' | 'port'>) => `${h.host}:${h.port}`;

export function DiscoverPage() {
  const api = useApi();
  const { t, fmt } = useI18n();
  const { push } = useToasts();
  const fleet = useFleet();
  const [targets, setTargets] = useState('');
  const [targetsError, setTargetsError] = useState<string>();
  const [scanId, setScanId] = useState<string>();
  const [progress, setProgress] = useState<Readonly<Record<string, ScanProgress>>>({});
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [adopted, setAdopted] = useState<ReadonlySet<string>>(new Set());
  const [adopting, setAdopting] = useState(false);

  // Progress can arrive before discovery.start answers, and other windows may scan too: keep each scan's latest.
  useEvent('discovery.progress', (p) => setProgress((all) => ({ ...all, [p.scanId]: p })));
  const current = scanId === undefined ? undefined : progress[scanId];
  const running = starting || current?.state === 'running';

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const list = parseTargets(targets);
    const params = { targets: list.length ? list : undefined };
    if (!requests['discovery.start'].params.safeParse(params).success) {
      setTargetsError(t('discover.targetsInvalid'));
      return;
    }
    setTargetsError(undefined);
    setStarting(true);
    setSelected(new Set());
    try {
      const { scanId: id } = await api.request('discovery.start', params);
      setScanId(id);
    } catch (e) {
      const error = toRequestError(e);
      if (error.code === 'invalid-params') setTargetsError(error.message);
      else push('error', t('discover.startFailed', { message: error.message }));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!scanId) return;
    try {
      await api.request('discovery.cancel', { scanId });
    } catch (e) {
      push('error', toRequestError(e).message);
    }
  };

  const found = current?.found ?? [];
  const addable = found.filter((h) => !h.alreadyKnown && !adopted.has(hostKey(h)));

  const adopt = async (hosts: readonly DiscoveredHost[]) => {
    if (!hosts.length) return;
    setAdopting(true);
    try {
      const added = await api.request('discovery.adopt', { hosts: hosts.map(({ host, port }) => ({ host, port })) });
      setAdopted((set) => new Set([...set, ...hosts.map(hostKey)]));
      setSelected(new Set());
      push('success', t('discover.added', { count: added.length }));
      fleet.reload();
    } catch (e) {
      push('error', t('discover.addFailed', { message: toRequestError(e).message }));
    } finally {
      setAdopting(false);
    }
  };

  const toggle = (key: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('discover.title')}</h1>
          <p className="page-subtitle">{t('discover.subtitle')}</p>
        </div>
      </header>

      <section className="panel" aria-labelledby="scan-title">
        <h2 className="panel-title" id="scan-title">
          {t('discover.scanTitle')}
        </h2>
        <form className="scan-form" onSubmit={start} noValidate>
          <label className="field grow">
            <span>{t('discover.targets')}</span>
            <input
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
              placeholder={t('discover.targetsPlaceholder')}
              aria-invalid={targetsError ? true : undefined}
              aria-describedby="targets-help targets-error"
              data-testid="scan-targets"
              spellCheck={false}
            />
            <small id="targets-help" className="help">
              {t('discover.targetsHelp')}
            </small>
            {targetsError ? (
              <small id="targets-error" className="field-error" role="alert">
                {targetsError}
              </small>
            ) : null}
          </label>
          <div className="scan-buttons">
            <button type="submit" className="button button-primary" disabled={running} data-testid="scan-start">
              {running ? t('discover.scanning') : t('discover.scan')}
            </button>
            {current?.state === 'running' ? (
              <button type="button" className="button" onClick={cancel} data-testid="scan-cancel">
                {t('action.cancel')}
              </button>
            ) : null}
          </div>
        </form>

        {current ? (
          <div className="scan-progress" data-testid="scan-progress">
            <progress max={Math.max(1, current.total)} value={current.probed} aria-label={t('discover.progressLabel')} />
            <p aria-live="polite" className="muted">
              {t(`discover.state.${current.state}`)} ·{' '}
              {t('discover.progress', { probed: fmt.number(current.probed, 0), total: fmt.number(current.total, 0), found: fmt.number(found.length, 0) })}
              {current.targets.length ? ` · ${current.targets.join(', ')}` : ''}
            </p>
            {current.error ? (
              <p className="inline-error" role="alert">
                {current.error}
              </p>
            ) : null}
          </div>
        ) : null}
      </section>

      {current ? (
        <section className="panel table-panel" aria-labelledby="found-title">
          <div className="table-toolbar">
            <h2 className="panel-title" id="found-title">
              {t('discover.found', { count: found.length })}
            </h2>
            <div className="toolbar-actions">
              <button
                type="button"
                className="button"
                disabled={adopting || selected.size === 0}
                onClick={() => adopt(addable.filter((h) => selected.has(hostKey(h))))}
                data-testid="adopt-selected"
              >
                {t('discover.addSelected', { count: selected.size })}
              </button>
              <button type="button" className="button button-primary" disabled={adopting || addable.length === 0} onClick={() => adopt(addable)} data-testid="adopt-all">
                {t('discover.addAll')}
              </button>
            </div>
          </div>
          {found.length === 0 ? (
            <p className="table-empty">{current.state === 'running' ? t('discover.noneYet') : t('discover.none')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="scan-results">
                <caption className="visually-hidden">{t('discover.resultsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="cell-check">
                      <span className="visually-hidden">{t('discover.select')}</span>
                    </th>
                    <th scope="col">{t('discover.col.address')}</th>
                    <th scope="col">{t('discover.col.model')}</th>
                    <th scope="col">{t('discover.col.firmware')}</th>
                    <th scope="col">{t('discover.col.mac')}</th>
                    <th scope="col">{t('discover.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {found.map((h) => {
                    const key = hostKey(h);
                    const known = h.alreadyKnown || adopted.has(key);
                    return (
                      <tr key={key}>
                        <td className="cell-check">
                          <input
                            type="checkbox"
                            checked={selected.has(key)}
                            disabled={known}
                            onChange={() => toggle(key)}
                            aria-label={t('discover.selectHost', { address: deviceAddress(h) })}
                          />
                        </td>
                        <td className="mono">{deviceAddress(h)}</td>
                        <td>{h.product ?? h.modelId}</td>
                        <td className="mono">{h.firmware ?? '—'}</td>
                        <td className="mono">{h.mac ?? '—'}</td>
                        <td>{known ? <span className="tag tag-active">{t('discover.known')}</span> : t('discover.new')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <AddDeviceForm />
    </div>
  );
}
