/**
 * The governance follow-up from the Instances table: per body and year, the meetings held against
 * the frequency the framework's source asks; per year, the meetings, participants and
 * participants per meeting of all bodies (the mobilisation the 4th evaluative question of the
 * Rhône-Alpes convention looks at).
 */
import type { ContractRecords } from '../contract/contract-records';
import { governance, type BodyYear, type Meeting } from '../governance/frequency';
import type { Evaluation } from '../rules/evaluate';
import { normalizeKey } from '../shared/text';
import { contextOf } from './context';

export interface ParticipationRow {
  year: number;
  meetings: number;
  participants: number;
  /** Meetings whose participants are given. */
  counted: number;
  /** Bodies below the frequency their source asks that year. */
  below: number;
}

export interface GovernanceView {
  rows: BodyYear[];
  participation: ParticipationRow[];
  lastYear: number | null;
  /** Meetings recorded (in the period or not). */
  recorded: number;
  /** The framework names governance bodies. */
  bodiesKnown: boolean;
  /** The framework's evaluative question on governance, with its rank (1-based), if any. */
  question: { rank: number; text: string } | null;
}

export function governanceView(records: ContractRecords, evaluation: Evaluation): GovernanceView {
  const { years } = contextOf(records, evaluation);
  const meetings: Meeting[] = [];
  for (const m of records.meetings) {
    if (!m.date) continue;
    meetings.push({
      body: evaluation.links.body.get(m.origin) ?? m.body,
      year: Number(m.date.slice(0, 4)),
      participants: m.participants?.value ?? null,
    });
  }
  const bodies = evaluation.frame.framework?.bodies ?? [];
  const g = governance(bodies, meetings, years);
  const participation: ParticipationRow[] = [];
  for (const year of years) {
    if (g.lastYear === null || year > g.lastYear) break;
    const rows = g.rows.filter((r) => r.year === year);
    participation.push({
      year,
      meetings: rows.reduce((a, r) => a + r.held, 0),
      participants: rows.reduce((a, r) => a + r.participants, 0),
      counted: rows.reduce((a, r) => a + r.counted, 0),
      below: rows.filter((r) => r.status === 'en dessous').length,
    });
  }
  const questions = evaluation.frame.framework?.questions ?? [];
  const q = questions.findIndex((x) => /\bgouvernance\b/.test(normalizeKey(x.text)));
  return {
    rows: g.rows,
    participation,
    lastYear: g.lastYear,
    recorded: records.meetings.length,
    bodiesKnown: bodies.length > 0,
    question: q < 0 ? null : { rank: q + 1, text: questions[q].text },
  };
}
