// Reading an .xlsx file in tests without an npm package: Debian's `unzip -p`
// pulls the parts out, a few regular expressions read the sheet XML. Enough
// for the files tsunagu writes (libxlsxwriter: shared strings, numbers).
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function colIndex(ref) {
  const letters = /^[A-Z]+/.exec(ref)[0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

// { sheets: [{ name, rows: [[cell…]…] }] } — cells are numbers or strings,
// missing cells undefined. Row arrays are indexed from row 1 = index 0.
export function readXlsx(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'tsunagu-xlsx-'));
  const file = join(dir, 'book.xlsx');
  writeFileSync(file, bytes);
  const part = (name) => {
    try { return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' }); } catch { return ''; }
  };
  try {
    const strings = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)]
      .map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
    const names = [...part('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescape(m[1]));
    const sheets = names.map((name, i) => {
      const xml = part(`xl/worksheets/sheet${i + 1}.xml`);
      const rows = [];
      for (const c of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const [, col, row, attrs, inner = ''] = c;
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (v === undefined) continue;
        const r = Number(row) - 1;
        rows[r] ??= [];
        rows[r][colIndex(col)] = /t="s"/.test(attrs) ? strings[Number(v)] : Number(v);
      }
      return { name, rows };
    });
    return { sheets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The data rows of a report sheet: those after the header row whose first
// cell equals `firstHeader`, until the first empty row.
export function sheetTable(sheet, firstHeader) {
  // '' finds a header row whose first cell is blank (as MHLW prints its area tables).
  const start = sheet.rows.findIndex((r) => r && (r[0] ?? '') === firstHeader && r.length > 1);
  if (start < 0) throw new Error(`no header ${firstHeader} in ${sheet.name}`);
  const out = [];
  for (let i = start + 1; i < sheet.rows.length && sheet.rows[i]; i++) out.push(sheet.rows[i]);
  return { header: sheet.rows[start], rows: out };
}
