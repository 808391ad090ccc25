/**
 * Governance follow-up: the meetings of each body, per year, against the frequency the
 * framework's source asks (« une à deux fois par an », « tous les deux ans », « une fois par
 * trimestre »). Pure: the bodies and the meetings in, one row per body and year out. Shared by
 * the rule that warns about a body below its frequency and by the `Gouvernance` sheet.
 *
 * A year is assessed up to the last year that has a meeting recorded (a year still to come, or
 * not yet entered, is not a shortfall). A body that meets « tous les deux ans » is assessed on
 * the two years ending with the year, once both are in the period.
 */
import type { FrameworkBody } from '../framework/schema';
import { maxOf } from '../shared/order';

export interface Meeting {
  /** The body's name as the framework writes it, or the text typed for a body it does not know. */
  body: string;
  year: number;
  participants: number | null;
}

export type GovernanceStatus = 'conforme' | 'en dessous' | 'au-dessus' | 'non fixée' | 'hors cadre' | 'non évaluée';

export interface BodyYear {
  body: string;
  year: number;
  held: number;
  /** Sum of the participants of the meetings that give a number. */
  participants: number;
  /** Meetings whose participants are given. */
  counted: number;
  def: FrameworkBody | null;
  /** The years the frequency is assessed over (one, or two for a biennial body). */
  window: number[];
  /** Meetings held over the window. */
  windowHeld: number;
  status: GovernanceStatus;
}

export interface Governance {
  rows: BodyYear[];
  /** The last year with a meeting, null when no meeting is recorded. */
  lastYear: number | null;
}

export function governance(bodies: readonly FrameworkBody[], meetings: readonly Meeting[], years: readonly number[]): Governance {
  const inPeriod = meetings.filter((m) => years.includes(m.year));
  if (inPeriod.length === 0) return { rows: [], lastYear: null };
  const lastYear = maxOf(inPeriod.map((m) => m.year));
  const shown = years.filter((y) => y <= lastYear);
  const known = new Set(bodies.map((b) => b.name));
  const others = [...new Set(inPeriod.map((m) => m.body).filter((b) => !known.has(b)))].sort((a, b) => a.localeCompare(b, 'fr'));
  const count = (body: string, ys: readonly number[]) => inPeriod.filter((m) => m.body === body && ys.includes(m.year));
  const rows: BodyYear[] = [];
  for (const name of [...bodies.map((b) => b.name), ...others]) {
    const def = bodies.find((b) => b.name === name) ?? null;
    for (const year of shown) {
      const held = count(name, [year]);
      const span = def?.everyYears ?? 1;
      const window = Array.from({ length: span }, (_, i) => year - span + 1 + i);
      const windowHeld = count(name, window).length;
      let status: GovernanceStatus;
      if (!def) status = 'hors cadre';
      else if (def.min === null) status = 'non fixée';
      else if (window[0] < years[0]) status = 'non évaluée';
      else if (windowHeld < def.min) status = 'en dessous';
      else if (def.max !== undefined && span === 1 && held.length > def.max) status = 'au-dessus';
      else status = 'conforme';
      const withCount = held.filter((m) => m.participants !== null);
      rows.push({
        body: name,
        year,
        held: held.length,
        participants: withCount.reduce((a, m) => a + (m.participants ?? 0), 0),
        counted: withCount.length,
        def,
        window,
        windowHeld,
        status,
      });
    }
  }
  return { rows, lastYear };
}
