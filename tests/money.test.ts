import fc from 'fast-check';
import { centsToEuros, eurosToCents, formatEuros, parseAmount, parseAmountText, parseNumberText, sumCents } from '../src/core/shared/money';

describe('parseAmountText', () => {
  test.each([
    ['12 500 €', 1250000],
    ['12\u00a0500,00\u00a0€', 1250000],
    ['12\u202f500,50 €', 1250050],
    ['12.500,00', 1250000],
    ['12,500.00', 1250000],
    ['1 085 200', 108520000],
    ['1.085.200', 108520000],
    ['1,085,200', 108520000],
    ['2387500', 238750000],
    ['12,5', 1250],
    ['12.50', 1250],
    ['0,07', 7],
    [',5', 50],
    ['-300', -30000],
    ['(300)', -30000],
    ['300 EUR', 30000],
    ['300 euros', 30000],
    ["1'085'200.00", 108520000],
    ['12,345', 1234500], // one separator followed by three digits groups thousands (the warning shows it)
    ['0,125', 12500],
  ])('%p reads as %p cents', (text, cents) => {
    expect(parseAmountText(text)).toMatchObject({ ok: true, cents });
  });

  test('more than two decimals round to the cent and say so', () => {
    expect(parseAmountText('10,1234')).toEqual({ ok: true, cents: 1012, fromText: true, rounded: true });
    expect(parseAmountText('10,125')).toMatchObject({ ok: true, cents: 1012500 }); // grouped thousands
    expect(parseAmountText('10,1250')).toMatchObject({ ok: true, cents: 1013, rounded: true });
    expect(parseAmountText('10,1200')).toMatchObject({ ok: true, cents: 1012, rounded: false });
  });

  test.each(['douze mille', '', '   ', '12,5,0', '1 2 3', '12 50', '€', '1.2.3', '12,50.1', 'abc 100', '1e5', '--5', '1 085 20'])(
    '%p is not an amount',
    (text) => {
      expect(parseAmountText(text)).toEqual({ ok: false });
    },
  );
});

describe('numbers from cells', () => {
  test('euros as floating numbers become exact cents', () => {
    expect(eurosToCents(0.1 + 0.2)).toEqual({ cents: 30, rounded: false });
    expect(eurosToCents(2387500)).toEqual({ cents: 238750000, rounded: false });
    expect(eurosToCents(10.005)?.rounded).toBe(true);
    expect(eurosToCents(NaN)).toBeNull();
    expect(parseAmount(true as unknown as number)).toEqual({ ok: false });
  });

  test('parseNumberText reads decimals in both styles', () => {
    expect(parseNumberText('12,5')).toBe(12.5);
    expect(parseNumberText('1 200')).toBe(1200);
    expect(parseNumberText('-3.25')).toBe(-3.25);
    expect(parseNumberText('beaucoup')).toBeNull();
  });

  test('formatEuros shows French amounts', () => {
    expect(formatEuros(238750000)).toBe('2\u202f387\u202f500,00\u00a0€');
    expect(formatEuros(-5)).toBe('-0,05\u00a0€');
  });

  test('sumCents refuses to leave the exact integer range', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

/** How a user might type an amount: French, English, plain, with or without the euro sign. */
function styles(cents: number): string[] {
  const euros = Math.floor(cents / 100);
  const c = String(cents % 100).padStart(2, '0');
  const group = (sep: string) => String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [
    `${group(' ')},${c} €`,
    `${group('\u202f')},${c}`,
    `${group('.')},${c}`,
    `${group(',')}.${c}`,
    `${euros}.${c}`,
    `${euros},${c}`,
    `${group("'")}.${c} EUR`,
  ];
}

describe('properties', () => {
  test('any amount typed in any accepted style reads back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: 0, max: 6 }), (cents, i) => {
        const text = styles(cents)[i];
        const r = parseAmountText(text);
        return r.ok && r.cents === cents;
      }),
      { numRuns: 2000 },
    );
  });

  test('a negative sign or parentheses negate the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (cents) => {
        const [fr] = styles(cents);
        const a = parseAmountText(`-${fr}`);
        const b = parseAmountText(`(${fr})`);
        return a.ok && b.ok && a.cents === -cents && b.cents === -cents;
      }),
    );
  });

  test('euros written to a cell and read back keep every cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999_99, max: 99_999_999_999_99 }), (cents) => {
        return eurosToCents(centsToEuros(cents))?.cents === cents;
      }),
      { numRuns: 5000 },
    );
  });

  test('text with letters is never read as an amount', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a', 'k', 'x', 'é'), fc.string(), (a, letter, b) => {
        const text = `${a}${letter}${b}`.replace(/eur|€/gi, '');
        return !parseAmountText(text).ok || !/[a-zé]/i.test(text);
      }),
    );
  });
});
