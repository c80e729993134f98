// The customer export's CSV (shared/customers/csv.ts), read back with an RFC 4180 parser: whatever
// a name or address holds (quotes, commas, line breaks, a leading = + - @ tab or CR), each value stays one
// cell, comes back as written, and no cell starts with a character that makes a spreadsheet run a formula.
import fc from 'fast-check';
import type { Customer } from '../../shared/customers/schemas.js';
import { csvCell, customerCsvHeader, customerCsvRows } from '../../shared/customers/csv.js';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** RFC 4180: records end in CRLF, a quoted field may hold anything, "" is a quote inside it. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      for (i += 1; ; ) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] !== '"') cell += text[i++];
        else if (text[i + 1] === '"') (cell += '"'), (i += 2);
        else break;
      }
      i += 1;
    } else {
      while (i < text.length && !',\r\n'.includes(text[i]!)) {
        if (text[i] === '"') throw new Error(`quote in an unquoted field at ${i}`);
        cell += text[i++];
      }
    }
    record.push(cell);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) (i += 2), records.push(record), (record = []);
    else throw new Error(`unexpected ${JSON.stringify(text[i] ?? 'end of text')} at ${i}`);
  }
  return records;
}

// Any text, with the characters that matter here drawn often.
const value = fc.string({ unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' '), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 12 });
const optional = fc.option(value, { nil: undefined });

test('a value is one cell that reads back as written, with a quote in front when it would start a formula', () => {
  fc.assert(
    fc.property(optional, (v) => {
      const [record, ...rest] = parseCsv(`${csvCell(v)}\r\n`);
      expect(rest).toEqual([]);
      expect(record).toHaveLength(1);
      const cell = record![0]!;
      expect(cell).not.toMatch(FORMULA_TRIGGER);
      expect(cell).toBe(FORMULA_TRIGGER.test(v ?? '') ? `'${v}` : (v ?? ''));
    }),
  );
});

const customer = fc.record({
  id: value,
  tenantId: value,
  companyProfile: fc.record({ companyName: value, domain: value }),
  billingProfile: fc.option(
    fc.record({
      email: value,
      culture: value,
      language: value,
      companyName: value,
      defaultAddress: fc.record({
        country: value,
        region: optional,
        city: value,
        postalCode: value,
        addressLine1: value,
        addressLine2: optional,
        firstName: value,
        lastName: value,
        phoneNumber: optional,
      }),
    }),
    { nil: undefined },
  ),
  relationshipToPartner: value,
  state: value,
  associatedPartnerId: optional,
  createdAt: value,
  updatedAt: value,
}) as unknown as fc.Arbitrary<Customer>;

test('an export is a header and one record per customer, every record as wide as the header, no cell a formula', () => {
  fc.assert(
    fc.property(fc.array(customer, { maxLength: 5 }), (customers) => {
      const [header, ...records] = parseCsv(customerCsvHeader() + customerCsvRows(customers));
      expect(records).toHaveLength(customers.length);
      for (const record of records) expect(record).toHaveLength(header!.length);
      expect(records.flat().filter((cell) => FORMULA_TRIGGER.test(cell))).toEqual([]);
    }),
  );
});
