/** Outside Excel: how to load the add-in (sideload its manifest) in Excel on the web or desktop. */
import { makeStyles, Text } from '@fluentui/react-components';
import { fr } from '../../../core/shared/typography';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px', padding: '16px', maxWidth: '640px', overflowWrap: 'anywhere' },
});

export function SideloadHelp() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Text as="h1" size={500} weight="semibold">
        Suivi ESS s’ouvre dans Excel
      </Text>
      <Text>
        {fr`Cette page est le volet du complément Excel Suivi ESS : ouverte hors d’Excel, elle ne peut rien faire. Pour charger le complément :`}
      </Text>
      <Text as="h2" size={400} weight="semibold">
        Excel pour le web
      </Text>
      <ol>
        <li>Ouvrez un classeur sur OneDrive ou SharePoint.</li>
        <li>Accueil &gt; Compléments &gt; Plus de compléments &gt; Mes compléments &gt; Charger mon complément.</li>
        <li>Choisissez le fichier manifest.xml fourni par votre service informatique, puis Charger.</li>
      </ol>
      <Text as="h2" size={400} weight="semibold">
        Excel sur ordinateur (Windows, Mac)
      </Text>
      <ol>
        <li>
          {fr`Windows : placez manifest.xml dans un dossier partagé déclaré comme catalogue de confiance (Fichier > Options > Centre de gestion de la confidentialité > Catalogues de compléments approuvés), puis Insertion > Mes compléments > Dossier partagé.`}
        </li>
        <li>{fr`Mac : copiez manifest.xml dans ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef, puis redémarrez Excel.`}</li>
      </ol>
      <Text>{fr`Le groupe « Suivi ESS » apparaît alors dans l’onglet Accueil : « Ouvrir le volet », « Valider », « Consolider ».`}</Text>
    </main>
  );
}
