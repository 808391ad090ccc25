/**
 * « Préparer les modèles de bilan » : one template per action with commitments in the chosen
 * year, built from the workbook, each opened as a new workbook in Excel (ExcelApi 1.8) or
 * downloaded. Nothing leaves the computer.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Run } from '../App';
import type { ExcelActions, PreparedTemplate } from '../excel-actions';
import { DownloadLink } from './DownloadLink';
import { fr } from '../../../core/shared/typography';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    paddingBottom: '12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', gap: '8px', alignItems: 'end', flexWrap: 'wrap' },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: '6px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  buttons: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function TemplatesSection({ busy, run, actions, canOpen }: { busy: boolean; run: Run; actions: ExcelActions; canOpen: boolean }) {
  const styles = useStyles();
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [templates, setTemplates] = useState<PreparedTemplate[] | null>(null);
  const prepare = () =>
    run('Préparation des modèles de bilan…', async () => {
      setTemplates(await actions.prepareTemplates(Number(year)));
    });
  return (
    <section className={styles.root} aria-label="Préparer les modèles de bilan">
      <Text as="h2" size={400} weight="semibold">
        Préparer les modèles de bilan
      </Text>
      <Text size={200}>
        Un modèle par action engagée dans l’année, avec les montants engagés par chaque financeur, à envoyer à son opérateur.
      </Text>
      <div className={styles.row}>
        <Field label="Année des bilans">
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: '7em' }} />
        </Field>
        <Button onClick={prepare} disabled={busy || !/^\d{4}$/.test(year)}>
          Préparer les modèles
        </Button>
      </div>
      {templates && templates.length === 0 && (
        <Text size={200}>{fr`Aucune action n’a d’engagement en ${year} : aucun modèle à préparer.`}</Text>
      )}
      {templates && templates.length > 0 && (
        <ul className={styles.list} aria-label="Modèles préparés">
          {templates.map((t) => (
            <li key={t.fileName} className={styles.item}>
              <Text size={200}>
                <strong>{t.action}</strong> {t.title}
              </Text>
              <div className={styles.buttons}>
                {canOpen && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => run(`Ouverture de ${t.fileName}…`, () => actions.openTemplate(t.bytes))}
                  >
                    Ouvrir dans Excel
                  </Button>
                )}
                <DownloadLink bytes={t.bytes} fileName={t.fileName} type={XLSX} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
