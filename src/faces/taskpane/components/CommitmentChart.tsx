/**
 * Committed against reference amounts by funder and year: a small SVG bar chart (loaded on
 * demand, in its own chunk), with the figures also given as text for screen readers.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { formatEuros } from '../../../core/shared/money';
import type { FunderYearTotal } from '../../../core/rules/evaluate';
import { fr } from '../../../core/shared/typography';
import { maxOf } from '../../../core/shared/order';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  legend: { display: 'flex', gap: '12px', fontSize: tokens.fontSizeBase200 },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: '4px' },
});

const REFERENCE = '#9DC3E6';
const COMMITTED = '#2E75B6';
const OVER = '#C00000';

export default function CommitmentChart({ totals }: { totals: FunderYearTotal[] }) {
  const styles = useStyles();
  // The convention's funders only: a partner authority's contribution has no amount to face (art. 6).
  const shown = totals.filter((t) => t.bound && (t.convention !== null || t.committed > 0));
  const max = maxOf(
    shown.map((t) => Math.max(t.convention ?? 0, t.committed)),
    1,
  );
  const rowH = 26;
  const labelW = 90;
  const width = 300;
  const barW = width - labelW - 8;
  return (
    <figure className={styles.figure}>
      <Text as="h2" size={300} weight="semibold">
        Engagé face à la convention
      </Text>
      <svg
        role="img"
        aria-label="Montants engagés et montants de la convention par financeur et par année"
        viewBox={`0 0 ${width} ${shown.length * rowH + 4}`}
        width="100%"
      >
        {shown.map((t, i) => {
          const y = i * rowH + 2;
          const ref = ((t.convention ?? 0) / max) * barW;
          const com = (t.committed / max) * barW;
          const over = t.convention !== null && t.committed > t.convention;
          return (
            <g key={`${t.funder}-${t.year}`}>
              <text x={0} y={y + 15} fontSize={11} fill="#333">
                {t.funder} {t.year}
              </text>
              <rect x={labelW} y={y + 2} width={Math.max(ref, 0)} height={10} fill={REFERENCE}>
                <title>Convention : {t.convention === null ? 'pas de montant fixé' : formatEuros(t.convention)}</title>
              </rect>
              <rect x={labelW} y={y + 13} width={Math.max(com, 0)} height={10} fill={over ? OVER : COMMITTED}>
                <title>{fr`Engagé : ${formatEuros(t.committed)}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <div className={styles.legend} aria-hidden>
        <span>
          <span className={styles.swatch} style={{ background: REFERENCE }} />
          Convention
        </span>
        <span>
          <span className={styles.swatch} style={{ background: COMMITTED }} />
          Engagé
        </span>
        <span>
          <span className={styles.swatch} style={{ background: OVER }} />
          Au-delà de la convention
        </span>
      </div>
    </figure>
  );
}
