/**
 * A funder's year: the ledger of its reference amount (convention, vote, avenants), committed,
 * paid, gap, allocation by action and its rows; closing or reopening the year; the open-data
 * export of its subsidies.
 */
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Analysis } from '../../../core/analysis/analyse';
import type { ScdlFile } from '../../../commands/export-scdl';
import { INPUT_TABLES } from '../../../core/contract/tables';
import { funderChoices, funderView, type FunderView } from '../../../core/consolidation/funder-view';
import { frenchDate } from '../../../core/shared/message';
import { formatEuros } from '../../../core/shared/money';
import { fr } from '../../../core/shared/typography';
import type { Run } from '../App';
import type { ExcelActions } from '../excel-actions';
import { DownloadLink } from './DownloadLink';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  pickers: { display: 'flex', flexDirection: 'column', gap: '8px', maxWidth: '100%' },
  // A long option must not widen the pane: the field's grid column may shrink below its content.
  field: { minWidth: 0, maxWidth: '100%', gridTemplateColumns: 'minmax(0, 1fr)' },
  figures: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: '12px', rowGap: '2px' },
  // An amount never breaks inside a number (the pane's root breaks long words anywhere).
  amount: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', overflowWrap: 'normal', wordBreak: 'keep-all' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: '4px 2px', verticalAlign: 'top' },
  // Two amounts side by side keep a gap between them.
  amountCell: { paddingLeft: '10px' },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    paddingTop: '10px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

type Styles = ReturnType<typeof useStyles>;

export function FunderPanel({
  analysis,
  busy,
  run,
  actions,
  onLoad,
  onChanged,
}: {
  analysis: Analysis | null;
  busy: boolean;
  run: Run;
  actions: ExcelActions;
  onLoad: () => void;
  /** The workbook changed (a closing): the pane shows the new analysis. */
  onChanged: (a: Analysis) => void;
}) {
  const styles = useStyles();
  const choices = useMemo(() => (analysis ? funderChoices(analysis) : { funders: [], years: [] }), [analysis]);
  const [funder, setFunder] = useState<string>('');
  const [year, setYear] = useState<number | null>(null);
  if (!analysis) {
    return (
      <div className={styles.root}>
        <Text>{fr`La vue financeur lit le classeur : lancez d’abord un contrôle.`}</Text>
        <div>
          <Button appearance="primary" disabled={busy} onClick={onLoad}>
            Lire le classeur
          </Button>
        </div>
      </div>
    );
  }
  const code = funder || choices.funders[0]?.code || '';
  const y = year ?? choices.years[0] ?? null;
  const spec = INPUT_TABLES.commitments;
  const commitments = analysis.records.commitments[0]?.origin.sheet ?? spec.sheet;
  const view = code && y !== null ? funderView(analysis, code, y, commitments, spec.columns.length) : null;
  return (
    <section className={styles.root} aria-label="Vue financeur">
      <div className={styles.pickers}>
        <Field label="Financeur" className={styles.field}>
          <Select
            root={{ style: { width: '100%', minWidth: 0 } }}
            style={{ width: '100%', minWidth: 0 }}
            value={code}
            onChange={(_, d) => setFunder(d.value)}
          >
            {choices.funders.map((f) => (
              <option key={f.code} value={f.code}>
                {f.code} — {f.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Année" className={styles.field}>
          <Select style={{ maxWidth: '8em' }} value={y === null ? '' : String(y)} onChange={(_, d) => setYear(Number(d.value))}>
            {choices.years.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {view && (
        <>
          <Figures view={view} styles={styles} />
          <Ledger view={view} styles={styles} />
          <Allocations view={view} styles={styles} />
          <div>
            <Button
              disabled={busy || view.rows.length === 0}
              onClick={() => run('Sélection des lignes…', () => actions.selectRows(view.sheet, view.rows, view.lastColumn))}
            >
              Sélectionner ses {view.rows.length} ligne(s) dans Engagements
            </Button>
          </div>
          <Closing
            key={`${view.funder}-${view.year}`}
            view={view}
            busy={busy}
            run={run}
            actions={actions}
            onChanged={onChanged}
            styles={styles}
          />
          <Export key={view.funder} view={view} busy={busy} run={run} actions={actions} styles={styles} />
        </>
      )}
    </section>
  );
}

function Figures({ view, styles }: { view: FunderView; styles: Styles }) {
  return (
    <div className={styles.figures} role="group" aria-label={`Montants de ${view.name} en ${view.year}`}>
      <Text>Convention</Text>
      <Text className={styles.amount}>
        {!view.bound
          ? 'hors convention'
          : view.convention === null
            ? 'pas de montant fixé'
            : `${formatEuros(view.convention)} (${view.status?.toLowerCase()})`}
      </Text>
      <Text>Engagé</Text>
      <Text className={styles.amount}>{formatEuros(view.committed)}</Text>
      <Text>Écart</Text>
      <Text className={`${styles.amount} ${view.gap ? styles.bad : ''}`} data-testid="funder-gap">
        {view.gap === null ? '—' : formatEuros(view.gap)}
      </Text>
      <Text>Versé</Text>
      <Text className={styles.amount} data-testid="funder-paid">
        {formatEuros(view.paid)}
      </Text>
      <Text>Reste à verser</Text>
      <Text className={styles.amount}>{formatEuros(view.remaining)}</Text>
    </div>
  );
}

function Ledger({ view, styles }: { view: FunderView; styles: Styles }) {
  if (!view.bound) {
    return (
      <Text size={200} className={styles.muted}>
        {fr`Collectivité partenaire : la convention ne lui fixe pas de montant ; ses engagements sont consolidés à part, dans « Contributions des collectivités partenaires ».`}
      </Text>
    );
  }
  if (view.ledger.length === 0) return null;
  return (
    <table className={styles.table} aria-label="Décisions de la convention">
      <caption style={{ textAlign: 'left' }}>
        <Text weight="semibold">Décisions de la convention</Text>
      </caption>
      <thead>
        <tr>
          <th className={styles.cell} scope="col" style={{ textAlign: 'left' }}>
            Décision
          </th>
          <th className={`${styles.cell} ${styles.amount} ${styles.amountCell}`} scope="col">
            Montant
          </th>
        </tr>
      </thead>
      <tbody>
        {view.ledger.map((r) => (
          <tr key={r.row}>
            <td className={styles.cell}>
              <strong>{r.nature}</strong> {r.status?.toLowerCase()}
              {r.date ? ` du ${frenchDate(r.date)}` : ''}
              {r.reference ? ` (${r.reference})` : ''}
              <br />
              <Text size={100} className={styles.muted}>
                {r.source}
              </Text>
            </td>
            <td className={`${styles.cell} ${styles.amount} ${styles.amountCell}`}>{r.cents === null ? '—' : formatEuros(r.cents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Allocations({ view, styles }: { view: FunderView; styles: Styles }) {
  if (view.allocations.length === 0) {
    return (
      <Text>
        Aucun engagement de {view.funder} en {view.year}.
      </Text>
    );
  }
  return (
    <table className={styles.table}>
      <caption style={{ textAlign: 'left' }}>
        <Text weight="semibold">Répartition par action</Text>
      </caption>
      <thead>
        <tr>
          <th className={styles.cell} scope="col" style={{ textAlign: 'left' }}>
            Action
          </th>
          <th className={`${styles.cell} ${styles.amount} ${styles.amountCell}`} scope="col">
            Engagé
          </th>
          <th className={`${styles.cell} ${styles.amount} ${styles.amountCell}`} scope="col">
            Versé
          </th>
        </tr>
      </thead>
      <tbody>
        {view.allocations.map((a) => (
          <tr key={a.action}>
            <td className={styles.cell}>
              <strong>{a.action}</strong> {a.title}
            </td>
            <td className={`${styles.cell} ${styles.amount} ${styles.amountCell}`}>{formatEuros(a.cents)}</td>
            <td className={`${styles.cell} ${styles.amount} ${styles.amountCell}`}>{formatEuros(a.paid)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Closing (or reopening) the funder's year: who and why are required, the fingerprint is the proof. */
function Closing({
  view,
  busy,
  run,
  actions,
  onChanged,
  styles,
}: {
  view: FunderView;
  busy: boolean;
  run: Run;
  actions: ExcelActions;
  onChanged: (a: Analysis) => void;
  styles: Styles;
}) {
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const closed = view.closing?.operation === 'Clôture';
  const operation = closed ? 'Réouverture' : 'Clôture';
  const submit = () =>
    run(closed ? 'Réouverture de l’année…' : 'Clôture de l’année…', async () => {
      const r = await actions.close({ operation, funder: view.funder, year: view.year, reason, by });
      setDone(r.fingerprint);
      setReason('');
      onChanged(r.analysis);
    });
  return (
    <section className={styles.section} aria-label={closed ? 'Rouvrir l’année' : 'Clore l’année'}>
      <Text as="h2" size={400} weight="semibold">
        {closed ? `${view.year} est clos pour ${view.funder}` : `Clore ${view.year} pour ${view.funder}`}
      </Text>
      {closed ? (
        <Text size={200}>
          {fr`Clos le ${view.closing?.date ? frenchDate(view.closing.date) : '?'} par ${view.closing?.by ?? '?'} (${view.closing?.reason ?? 'sans motif'}). Empreinte ${(view.closing?.fingerprint ?? '').slice(0, 12)}… : toute modification des lignes de Convention, Engagements et Versements de cette année sera signalée par « Valider ».`}
        </Text>
      ) : (
        <Text size={200}>
          {fr`La clôture garde dans la feuille « Clôtures » l’empreinte des lignes de cette année (Convention, Engagements, Versements) : toute modification ultérieure sera une erreur de « Valider », jusqu’à une réouverture motivée. Elle est refusée tant qu’une erreur porte sur l’année.`}
        </Text>
      )}
      <Field label="Motif" required>
        <Input value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Field label="Par (votre nom et service)" required>
        <Input value={by} onChange={(_, d) => setBy(d.value)} />
      </Field>
      <div>
        <Button disabled={busy || !reason.trim() || !by.trim()} onClick={submit}>
          {closed ? 'Rouvrir l’année' : 'Clore l’année'}
        </Button>
      </div>
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{fr`Ligne ajoutée dans « Clôtures » (empreinte ${done.slice(0, 12)}…).`}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** The funder's subsidies in the SCDL « Subventions » schema, made in the page and saved by the user. */
function Export({
  view,
  busy,
  run,
  actions,
  styles,
}: {
  view: FunderView;
  busy: boolean;
  run: Run;
  actions: ExcelActions;
  styles: Styles;
}) {
  const [all, setAll] = useState(false);
  const [file, setFile] = useState<ScdlFile | null>(null);
  const [copied, setCopied] = useState(false);
  const bytes = useMemo(() => (file ? new TextEncoder().encode(file.csv) : null), [file]);
  const prepare = () =>
    run('Préparation des données essentielles…', async () => {
      setCopied(false);
      setFile(await actions.exportScdl(view.funder, all));
    });
  const copy = async () => {
    if (!file) return;
    await navigator.clipboard.writeText(file.csv);
    setCopied(true);
  };
  return (
    <section className={styles.section} aria-label="Données essentielles des subventions">
      <Text as="h2" size={400} weight="semibold">
        Données essentielles des subventions
      </Text>
      <Text size={200}>
        {fr`Les engagements de ${view.funder} au format ouvert SCDL « Subventions » 2.1.1 (CSV), toutes années : par défaut ceux de plus de 23 000 €. Un engagement auquel manque une donnée obligatoire est signalé avec sa cellule, et rien n’est écrit.`}
      </Text>
      <Checkbox checked={all} onChange={(_, d) => setAll(!!d.checked)} label="Inclure les engagements de 23 000 € ou moins" />
      <div>
        <Button disabled={busy} onClick={prepare}>
          Préparer l’export
        </Button>
      </div>
      {file && bytes && (
        <div className={styles.row} role="status">
          <Text size={200}>
            {fr`${file.rows} subvention(s)${file.belowThreshold ? `, ${file.belowThreshold} de 23 000 € ou moins laissée(s) de côté` : ''}.`}
          </Text>
          <DownloadLink bytes={bytes} fileName={file.fileName} type="text/csv;charset=utf-8" />
          <Button size="small" onClick={() => void copy()}>
            {copied ? 'Copié' : 'Copier le CSV'}
          </Button>
        </div>
      )}
    </section>
  );
}
