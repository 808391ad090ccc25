/**
 * Initialise the workbook from a framework: a preview of what will be created, and a refusal to
 * replace existing contract sheets without an explicit confirmation.
 */
import { Button, Checkbox, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { InitPreview } from '../../../commands/init';
import { frameworks } from '../../../core/framework';
import type { Run } from '../App';
import type { ExcelActions } from '../excel-actions';
import { fr, frenchTypography } from '../../../core/shared/typography';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  list: { margin: 0, paddingLeft: '18px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

export function InitPanel({ busy, run, actions, onDone }: { busy: boolean; run: Run; actions: ExcelActions; onDone: () => void }) {
  const styles = useStyles();
  const list = frameworks();
  const [id, setId] = useState(list[0].id);
  const [example, setExample] = useState(false);
  const [preview, setPreview] = useState<InitPreview | null>(null);
  const [done, setDone] = useState<string[] | null>(null);
  const f = list.find((x) => x.id === id)!;

  const showPreview = () =>
    run('Préparation de l’aperçu…', async () => {
      setDone(null);
      setPreview(await actions.previewInit(id, example));
    });
  const write = (overwrite: boolean) =>
    run('Création des feuilles…', async () => {
      const outcome = await actions.init(id, example, overwrite);
      if (outcome.written) {
        setDone(outcome.sheets);
        setPreview(null);
        onDone();
      } else {
        setPreview(await actions.previewInit(id, example));
      }
    });

  return (
    <section className={styles.root} aria-label="Initialiser le classeur">
      <Field label="Cadre" style={{ minWidth: 0, maxWidth: '100%', gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Select
          root={{ style: { width: '100%', minWidth: 0 } }}
          style={{ width: '100%', minWidth: 0 }}
          value={id}
          onChange={(_, d) => {
            setId(d.value);
            setPreview(null);
          }}
        >
          {list.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </Select>
      </Field>
      <Text size={200}>
        {f.region}, {f.period.start}-{f.period.end} — {frenchTypography(f.note ?? '')}
      </Text>
      <Checkbox
        checked={example}
        onChange={(_, d) => {
          setExample(!!d.checked);
          setPreview(null);
        }}
        label="Ajouter des engagements et des bilans d’exemple (fictifs, signalés comme tels)"
      />
      <div className={styles.buttons}>
        <Button onClick={showPreview} disabled={busy}>
          Aperçu
        </Button>
      </div>
      {preview && (
        <>
          <Text weight="semibold">Feuilles créées</Text>
          <ul className={styles.list}>
            {preview.sheets.map((s) => (
              <li key={s.name}>
                <Text size={200}>
                  {s.table ? `${s.name} — tableau ${s.table}, ${s.rows} ligne(s)` : `${s.name} — listes tirées du cadre`}
                </Text>
              </li>
            ))}
          </ul>
          {preview.existing.length > 0 ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Ces feuilles existent déjà</MessageBarTitle>
                {fr`${preview.existing.join(', ')} : elles seront remplacées et leur contenu perdu.`}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.buttons}>
            {preview.existing.length > 0 ? (
              <Button appearance="primary" onClick={() => write(true)} disabled={busy}>
                Remplacer les {preview.existing.length} feuille(s) existante(s)
              </Button>
            ) : (
              <Button appearance="primary" onClick={() => write(false)} disabled={busy}>
                Créer les feuilles
              </Button>
            )}
            <Button onClick={() => setPreview(null)} disabled={busy}>
              Annuler
            </Button>
          </div>
        </>
      )}
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{fr`${done.length} feuilles créées : saisissez les engagements, puis cliquez sur « Valider ».`}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
