/**
 * Bulk import of operators' report files (modèles de bilan remplis): a drop zone and a file
 * chooser for many .xlsx at once, read in the page (nothing is sent anywhere), a progress bar,
 * and a summary with every file imported, imported with warnings, or refused with its reasons.
 */
import { Badge, Button, Checkbox, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { useRef, useState, type DragEvent } from 'react';
import type { ImportEntry, ImportStatus } from '../../../commands/import';
import type { Analysis } from '../../../core/analysis/analyse';
import { renderFinding } from '../../../core/rules/render';
import type { Run } from '../App';
import type { ExcelActions } from '../excel-actions';
import { TemplatesSection } from './TemplatesSection';
import { fr } from '../../../core/shared/typography';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: '8px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden', pointerEvents: 'none' },
  list: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyleType: 'none' },
  file: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', minWidth: 0 },
  fileName: { minWidth: 0, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  counts: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: '2px',
    padding: '8px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  imported: { borderLeft: `4px solid ${tokens.colorPaletteGreenBorder2}` },
  warned: { borderLeft: `4px solid ${tokens.colorPaletteYellowBorder2}` },
  refused: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  reasons: { margin: 0, paddingLeft: '18px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const STATUS_COLOR: Record<ImportStatus, 'success' | 'warning' | 'danger'> = {
  importé: 'success',
  'importé avec avertissements': 'warning',
  refusé: 'danger',
};

/** What a file's findings say, with the pane's own advice for a report already imported. */
function reasons(e: ImportEntry): string[] {
  const out = e.findings.map(renderFinding);
  if (e.findings.some((f) => f.rule === 'BILAN-DEJA-IMPORTE')) {
    out.push(fr`Pour le remplacer, cochez « Remplacer un bilan déjà importé » et importez-le de nouveau.`);
  }
  return out;
}

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ko`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString().replace('.', ',')} Mo`;
}

type Progress = { done: number; total: number; label: string };

export function ImportPanel({
  busy,
  run,
  actions,
  onDone,
  canOpen = false,
}: {
  busy: boolean;
  run: Run;
  actions: ExcelActions;
  onDone: (a: Analysis) => void;
  canOpen?: boolean;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [replace, setReplace] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [entries, setEntries] = useState<ImportEntry[] | null>(null);

  const add = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const chosen = Array.from(list);
    setFiles((old) => [
      ...old,
      ...chosen.filter((f) => !old.some((o) => o.name === f.name && o.size === f.size && o.lastModified === f.lastModified)),
    ]);
    setEntries(null);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) add(e.dataTransfer.files);
  };

  const start = () =>
    run('Import des bilans…', async () => {
      setEntries(null);
      setProgress({ done: 0, total: files.length, label: 'lecture des fichiers' });
      try {
        // Read here, in the page: the bytes go to the import in this browser and nowhere else.
        const chosen = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
        const outcome = await actions.importReports(chosen, replace, (done, total, label) => setProgress({ done, total, label }));
        setEntries(outcome.entries);
        setFiles([]);
        onDone(outcome.analysis);
      } finally {
        setProgress(null);
      }
    });

  const count = (s: ImportStatus) => entries?.filter((e) => e.status === s).length ?? 0;

  return (
    <section className={styles.root} aria-label="Importer les bilans des opérateurs">
      <TemplatesSection busy={busy} run={run} actions={actions} canOpen={canOpen} />
      <Text as="h2" size={400} weight="semibold">
        Importer les bilans remplis
      </Text>
      <Text size={200}>
        {fr`Importez les modèles de bilan remplis par les opérateurs : leurs valeurs vont dans les feuilles « Bilans » et « Réalisé financier », leurs parties écrites dans « Bilans qualitatifs », chaque import est inscrit dans « Historique des imports ». `}
        <strong>Les fichiers sont lus dans votre navigateur et ne sont envoyés nulle part.</strong>
      </Text>

      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ''}`}
        data-testid="import-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Text weight="semibold" id="import-drop-label">
          Déposez ici les bilans (.xlsx), plusieurs à la fois
        </Text>
        <Button onClick={() => input.current?.click()} disabled={busy} aria-describedby="import-drop-label">
          Choisir des fichiers
        </Button>
        <input
          ref={input}
          className={styles.hiddenInput}
          type="file"
          multiple
          accept=".xlsx"
          tabIndex={-1}
          aria-label="Fichiers de bilan (.xlsx)"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = ''; // the same file can be chosen again
          }}
        />
      </div>

      {files.length > 0 && (
        <>
          <Text weight="semibold">{files.length} fichier(s) à importer</Text>
          <ul className={styles.list} aria-label="Fichiers à importer">
            {files.map((f, i) => (
              <li key={`${f.name}-${f.size}-${f.lastModified}`} className={styles.file}>
                <Text size={200} className={styles.fileName}>
                  {f.name} <span className={styles.muted}>({sizeText(f.size)})</span>
                </Text>
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={busy}
                  onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}
                  aria-label={`Retirer ${f.name}`}
                >
                  Retirer
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}

      <Checkbox
        checked={replace}
        onChange={(_, d) => setReplace(!!d.checked)}
        label="Remplacer un bilan déjà importé (même action, opérateur et année)"
      />
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={start} disabled={busy || files.length === 0}>
          Importer
        </Button>
        {files.length > 0 && (
          <Button onClick={() => setFiles([])} disabled={busy}>
            Vider la liste
          </Button>
        )}
      </div>

      {progress && (
        <div role="status">
          <ProgressBar
            aria-label="Avancement de l’import"
            value={progress.total ? progress.done / progress.total : undefined}
            thickness="large"
          />
          <Text size={200}>
            {progress.done < progress.total
              ? `Fichier ${progress.done + 1} sur ${progress.total} : ${progress.label}`
              : 'Écriture dans le classeur…'}
          </Text>
        </div>
      )}

      {entries && (
        <section aria-label="Résumé de l’import" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Text as="h2" size={300} weight="semibold">
            Résumé de l’import
          </Text>
          <div className={styles.counts} role="status">
            <Badge appearance="filled" color="success">
              {count('importé')} importé(s)
            </Badge>
            <Badge appearance="filled" color="warning">
              {count('importé avec avertissements')} avec avertissements
            </Badge>
            <Badge appearance="filled" color="danger">
              {count('refusé')} refusé(s)
            </Badge>
          </div>
          <ul className={styles.list}>
            {entries.map((e, i) => (
              <li
                key={`${e.file}-${i}`}
                data-file={e.file}
                data-status={e.status}
                className={`${styles.entry} ${e.status === 'refusé' ? styles.refused : e.status === 'importé' ? styles.imported : styles.warned}`}
              >
                <Text weight="semibold" className={styles.fileName}>
                  {e.file}
                </Text>
                <Badge appearance="tint" color={STATUS_COLOR[e.status]}>
                  {e.status}
                </Badge>
                {e.action && (
                  <Text size={200}>
                    Action {e.action} · {e.operator || 'opérateur ?'} · {e.year}
                  </Text>
                )}
                {e.status !== 'refusé' && (
                  <Text size={200}>
                    {e.added} ligne(s) ajoutée(s){e.replaced ? `, ${e.replaced} remplacée(s)` : ''}
                  </Text>
                )}
                {e.findings.length > 0 && (
                  <ul className={styles.reasons}>
                    {reasons(e).map((r, j) => (
                      <li key={j}>
                        <Text size={200}>{r}</Text>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {count('refusé') < entries.length && (
            <Text size={200} className={styles.muted}>
              {fr`Les feuilles générées (dont « Suivi des bilans ») sont déjà reconstruites avec ces bilans ; cliquez sur « Valider » pour contrôler le classeur.`}
            </Text>
          )}
        </section>
      )}
    </section>
  );
}
