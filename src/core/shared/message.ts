/**
 * The one renderer of the sentences users read: a French template from a catalogue (the rule
 * catalogue, the error catalogue) and typed parameters in, one sentence out. Typography is
 * applied to the template, never to the values (a user's text is shown as it was typed).
 *
 * Placeholders are `{name}`; a parameter is rendered by its type: a number as written, an amount
 * `{ cents }` as French Excel shows it (`2 387 500,00 €`), a cell value `{ value }` between
 * guillemets (`« REGION »`, cut after 60 characters), a list `{ list }` joined by commas, a size
 * `{ bytes }` in octets, ko, Mo or Go.
 */
import { formatEuros, type Cents } from './money';
import { quote } from './text';
import { frenchTypography } from './typography';

export type Param =
  | string
  | number
  | { readonly cents: Cents }
  | { readonly value: unknown }
  | { readonly list: readonly string[] }
  | { readonly bytes: number };

export type Params = Readonly<Record<string, Param>>;

/** A byte count in French: `512 octets`, `12,5 ko`, `25,3 Mo`, `1,2 Go`. */
export function formatBytes(n: number): string {
  const fmt = (x: number): string => (Math.round(x * 10) / 10).toString().replace('.', ',');
  if (n < 1024) return `${n} octet${n > 1 ? 's' : ''}`;
  if (n < 1024 * 1024) return `${fmt(n / 1024)} ko`;
  if (n < 1024 * 1024 * 1024) return `${fmt(n / (1024 * 1024))} Mo`;
  return `${fmt(n / (1024 * 1024 * 1024))} Go`;
}

export function renderParam(p: Param): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return String(p);
  if ('cents' in p) return formatEuros(p.cents);
  if ('value' in p) return quote(p.value);
  if ('list' in p) return p.list.join(', ');
  return formatBytes(p.bytes);
}

const typeset = new Map<string, string>();

/** The template with French typography, its placeholders filled; an unknown placeholder stays visible. */
export function renderTemplate(template: string, params: Params): string {
  let t = typeset.get(template);
  if (t === undefined) typeset.set(template, (t = frenchTypography(template)));
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(params, k) ? renderParam(params[k]) : m));
}

/** An ISO date as French users read it: 12/03/2015. */
export function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
