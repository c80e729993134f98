// CSV in (RFC 4180: quoted cells may hold commas, quotes and line breaks) and the result CSV out.
import { csvCell } from '../customers/index.js';
import { IMPORT_COLUMNS } from './columns.js';
import type { InputRow, RowRecord } from './entity.js';

export class CsvSyntaxError extends Error {}

/** The records of a CSV text; a byte-order mark and a last line break are allowed. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let line = 1;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new CsvSyntaxError(`line ${line}: a quoted cell must end at a comma or line break`);
        continue;
      }
      if (c === '\n') line += 1;
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (cell !== '') throw new CsvSyntaxError(`line ${line}: a quote inside an unquoted cell`);
      quoted = true;
    } else if (c === ',') endCell();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
    } else cell += c;
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(`line ${line}: a quoted cell is not closed`);
  if (cell !== '' || record.length > 0) endRecord();
  // Blank lines (a spreadsheet's trailing ones) are no rows.
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

const RESULT_COLUMNS = [...IMPORT_COLUMNS.map((c) => c.name), 'outcome', 'customerId', 'errors'];

export const resultCsvHeader = (): string => RESULT_COLUMNS.map(csvCell).join(',') + '\r\n';

/** A row as sent, with its outcome (`pending` until decided), the customer it made or found, and its errors (`path: message; …`). */
export const resultCsvRow = (input: InputRow, decided: RowRecord | undefined): string =>
  [
    ...IMPORT_COLUMNS.map((c) => csvCell(input.input[c.name])),
    csvCell(decided?.outcome ?? 'pending'),
    csvCell(decided?.customerId),
    csvCell(decided?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ')),
  ].join(',') + '\r\n';
