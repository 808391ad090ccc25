/** Findings grouped by severity and sheet, with counts, values and a link to each cell. */
import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import type { Analysis } from '../../../core/analysis/analyse';
import type { Finding, Severity } from '../../../core/rules/findings';
import { renderFinding, SEVERITY_LABEL } from '../../../core/rules/render';
import { formatEuros } from '../../../core/shared/money';
import type { Run } from '../App';
import type { ExcelActions } from '../excel-actions';
import { fr } from '../../../core/shared/typography';

const CommitmentChart = lazy(() => import('./CommitmentChart'));

const useStyles = makeStyles({
  counts: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  group: { display: 'flex', flexDirection: 'column', gap: '6px', margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: '8px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  error: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `4px solid ${tokens.colorPaletteYellowBorder2}` },
  values: { color: tokens.colorNeutralForeground3 },
  heading: { marginTop: '8px' },
  empty: { padding: '12px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorPaletteGreenBackground1 },
});

const SEVERITIES: Severity[] = ['error', 'warning'];

export function FindingsPanel({
  analysis,
  busy,
  run,
  actions,
}: {
  analysis: Analysis | null;
  busy: boolean;
  run: Run;
  actions: ExcelActions;
}) {
  const styles = useStyles();
  if (!analysis) {
    return (
      <Text>
        {fr`Cliquez sur « Valider » pour contrôler le classeur : les anomalies s’afficheront ici, chacune avec un lien vers sa cellule.`}
      </Text>
    );
  }
  const findings = analysis.findings;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return (
    <section aria-label="Anomalies" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div className={styles.counts} role="status">
        <Badge appearance="filled" color="danger">
          {count('error')} erreur(s)
        </Badge>
        <Badge appearance="filled" color="warning">
          {count('warning')} avertissement(s)
        </Badge>
        {analysis.example && (
          <Badge appearance="outline" color="informative">
            données d’exemple fictives
          </Badge>
        )}
      </div>
      {findings.length === 0 && (
        <div className={styles.empty}>
          <Text weight="semibold">Aucune anomalie.</Text> Les engagements correspondent à la convention et toutes les cellules sont
          lisibles.
        </div>
      )}
      {SEVERITIES.map((severity) => {
        const ofSeverity = findings.filter((f) => f.severity === severity);
        const sheets = [...new Set(ofSeverity.map((f) => f.sheet))];
        return sheets.map((sheet) => (
          <div key={`${severity}-${sheet}`}>
            <Text as="h2" size={300} weight="semibold" className={styles.heading}>
              {severity === 'error' ? 'Erreurs' : 'Avertissements'} — {sheet}
            </Text>
            <ul className={styles.group}>
              {ofSeverity
                .filter((f) => f.sheet === sheet)
                .map((f, i) => (
                  <FindingItem
                    key={`${f.cell}-${f.rule}-${i}`}
                    finding={f}
                    busy={busy}
                    onGo={() => run(`Sélection de ${f.cell}…`, () => actions.selectCell(f.sheet, f.cell))}
                  />
                ))}
            </ul>
          </div>
        ));
      })}
      {analysis.evaluation.totals.length > 0 && (
        <Suspense fallback={<Text size={200}>Chargement du graphique…</Text>}>
          <CommitmentChart totals={analysis.evaluation.totals} />
        </Suspense>
      )}
    </section>
  );
}

function FindingItem({ finding: f, busy, onGo }: { finding: Finding; busy: boolean; onGo: () => void }) {
  const styles = useStyles();
  return (
    <li
      className={`${styles.item} ${f.severity === 'error' ? styles.error : styles.warning}`}
      data-rule={f.rule}
      data-cell={`${f.sheet}!${f.cell}`}
    >
      <Text size={200} weight="semibold">
        {SEVERITY_LABEL[f.severity]} · {f.rule}
      </Text>
      <Text size={200}>{renderFinding(f)}</Text>
      {(f.expected !== undefined || f.actual !== undefined) && (
        <Text size={200} className={styles.values}>
          {f.expected !== undefined && <>{fr`Attendu : ${formatEuros(f.expected)} `}</>}
          {f.actual !== undefined && <>{fr`· Constaté : ${formatEuros(f.actual)}`}</>}
        </Text>
      )}
      <div>
        <Button
          size="small"
          appearance="secondary"
          disabled={busy}
          onClick={onGo}
          aria-label={`Aller à la cellule ${f.cell} de la feuille ${f.sheet}`}
        >
          Aller à {f.cell}
        </Button>
      </div>
    </li>
  );
}
