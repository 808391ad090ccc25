/**
 * The task pane: initialise the workbook from a framework, validate, consolidate, and look at a
 * funder's year. Every action goes through the functions of `actions` (one Excel command each);
 * the pane keeps only what it shows, never data of its own (the workbook is the state).
 */
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { missingFeatures } from '../../adapters/office/features';
import type { Analysis } from '../../core/analysis/analyse';
import type { ExcelActions } from './excel-actions';
import type { HostInfo } from './host';
import { FindingsPanel } from './components/FindingsPanel';
import { SideloadHelp } from './components/SideloadHelp';
import { fr, frenchTypography } from '../../core/shared/typography';

// The framework list (and zod, which validates it) loads with this panel, not at start.
const InitPanel = lazy(() => import(/* webpackChunkName: "init-panel" */ './components/InitPanel').then((m) => ({ default: m.InitPanel })));
// The funder view (the ledger, closings and the export, with the core's tables) loads with its tab.
const FunderPanel = lazy(() =>
  import(/* webpackChunkName: "funder-panel" */ './components/FunderPanel').then((m) => ({ default: m.FunderPanel })),
);
// The import view loads when its tab is opened (exceljs, which reads the files, later still).
const ImportPanel = lazy(() =>
  import(/* webpackChunkName: "import-panel" */ './components/ImportPanel').then((m) => ({ default: m.ImportPanel })),
);

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    minWidth: '240px',
    maxWidth: '640px',
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexDirection: 'column', gap: '2px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export type Busy = { label: string } | null;

/** Runs one action at a time: a busy action cannot be started twice. */
export function useRunner() {
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy({ label });
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(null);
    }
  }, []);
  return { busy, error, run, clearError: () => setError(null) };
}

type TabId = 'init' | 'controls' | 'funder' | 'import';

export function App({ host, actions }: { host: HostInfo; actions: ExcelActions }) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>('controls');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  /** The sheets the last consolidation wrote (null when the pane shows no consolidation). */
  const [consolidated, setConsolidated] = useState<string[] | null>(null);
  const { busy, error, run, clearError } = useRunner();

  if (!host.inExcel) return <SideloadHelp />;

  const missing = missingFeatures(host.features);

  const validate = () =>
    run('Contrôle du classeur…', async () => {
      const a = await actions.validate();
      setAnalysis(a);
      setConsolidated(null);
      setTab('controls');
    });
  const consolidate = () =>
    run('Consolidation…', async () => {
      const r = await actions.consolidate();
      setAnalysis(r.analysis);
      setConsolidated(r.sheets);
    });

  return (
    <main className={styles.root} aria-busy={!!busy}>
      <header className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          Suivi ESS
        </Text>
        <Text size={200} className={styles.muted}>
          Engagements des financeurs contrôlés face à la convention, bilans et indicateurs consolidés.
        </Text>
      </header>

      {!host.supported && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Version d’Excel trop ancienne</MessageBarTitle>
            {fr`Suivi ESS demande l’API Excel 1.7 ; certaines opérations peuvent échouer.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Fonctions indisponibles dans cette version d’Excel</MessageBarTitle>
            {missing.map((f) => (
              <div key={f.id}>
                {fr`${f.label} (${f.set} ${f.version}) : `}
                {frenchTypography(f.without)}
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.actions}>
        <Button appearance="primary" onClick={validate} disabled={!!busy}>
          Valider
        </Button>
        <Button onClick={consolidate} disabled={!!busy}>
          Consolider
        </Button>
      </div>

      {busy && <ProgressBar aria-label={busy.label} thickness="large" />}
      {busy && (
        <Text size={200} role="status">
          {busy.label}
        </Text>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>L’opération n’a pas abouti</MessageBarTitle>
            {error}
          </MessageBarBody>
          <Button size="small" appearance="transparent" onClick={clearError}>
            Fermer
          </Button>
        </MessageBar>
      )}
      {consolidated && !busy && !error && (
        <MessageBar intent="success">
          <MessageBarBody>{fr`Feuilles générées : ${frenchTypography(consolidated.map((n) => `« ${n} »`).join(', '))}.`}</MessageBarBody>
        </MessageBar>
      )}

      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small" style={{ flexWrap: 'wrap' }}>
        <Tab value="controls">Contrôles</Tab>
        <Tab value="funder">Vue financeur</Tab>
        <Tab value="import">Bilans</Tab>
        <Tab value="init">Initialiser</Tab>
      </TabList>

      {tab === 'controls' && <FindingsPanel analysis={analysis} busy={!!busy} run={run} actions={actions} />}
      {tab === 'funder' && (
        <Suspense fallback={<Text size={200}>Chargement de la vue financeur…</Text>}>
          <FunderPanel analysis={analysis} busy={!!busy} run={run} actions={actions} onLoad={validate} onChanged={setAnalysis} />
        </Suspense>
      )}
      {tab === 'init' && (
        <Suspense fallback={<Text size={200}>Chargement des cadres…</Text>}>
          <InitPanel busy={!!busy} run={run} actions={actions} onDone={() => setAnalysis(null)} />
        </Suspense>
      )}
      {tab === 'import' && (
        <Suspense fallback={<Text size={200}>Chargement de l’import…</Text>}>
          <ImportPanel
            canOpen={host.features.has('newWorkbook')}
            busy={!!busy}
            run={run}
            actions={actions}
            onDone={(a) => {
              setAnalysis(a);
              setConsolidated(null);
            }}
          />
        </Suspense>
      )}
    </main>
  );
}

export type Run = ReturnType<typeof useRunner>['run'];
