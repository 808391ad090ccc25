/** A funder's year: reference amount, committed, gap, allocation by action, and its rows. */
import { Button, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Analysis } from '../../../core/analysis/analyse';
import { INPUT_TABLES } from '../../../core/contract/tables';
import { funderChoices, funderView } from '../../../core/consolidation/funder-view';
import { formatEuros } from '../../../core/shared/money';
import type { Run } from '../App';
import type { ExcelActions } from '../excel-actions';
import { fr } from '../../../core/shared/typography';

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
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function FunderPanel({
  analysis,
  busy,
  run,
  actions,
  onLoad,
}: {
  analysis: Analysis | null;
  busy: boolean;
  run: Run;
  actions: ExcelActions;
  onLoad: () => void;
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
          <div className={styles.figures} role="group" aria-label={`Montants de ${view.name} en ${view.year}`}>
            <Text>Convention</Text>
            <Text className={styles.amount}>
              {view.convention === null ? 'pas de montant fixé' : `${formatEuros(view.convention)} (${view.status?.toLowerCase()})`}
            </Text>
            <Text>Engagé</Text>
            <Text className={styles.amount}>{formatEuros(view.committed)}</Text>
            <Text>Écart</Text>
            <Text className={`${styles.amount} ${view.gap ? styles.bad : ''}`} data-testid="funder-gap">
              {view.gap === null ? '—' : formatEuros(view.gap)}
            </Text>
          </div>
          {view.allocations.length === 0 ? (
            <Text>
              Aucun engagement de {view.funder} en {view.year}.
            </Text>
          ) : (
            <table className={styles.table}>
              <caption style={{ textAlign: 'left' }}>
                <Text weight="semibold">Répartition par action</Text>
              </caption>
              <thead>
                <tr>
                  <th className={styles.cell} scope="col" style={{ textAlign: 'left' }}>
                    Action
                  </th>
                  <th className={`${styles.cell} ${styles.amount}`} scope="col">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.allocations.map((a) => (
                  <tr key={a.action}>
                    <td className={styles.cell}>
                      <strong>{a.action}</strong> {a.title}
                    </td>
                    <td className={`${styles.cell} ${styles.amount}`}>{formatEuros(a.cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div>
            <Button
              disabled={busy || view.rows.length === 0}
              onClick={() => run('Sélection des lignes…', () => actions.selectRows(view.sheet, view.rows, view.lastColumn))}
            >
              Sélectionner ses {view.rows.length} ligne(s) dans Engagements
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
