/**
 * A minimal .xlsx reader: the first worksheet's cells as rows of strings, so an Excel roster can
 * go through the same CSV import as a .csv file. No dependency: the zip is read by hand and
 * inflated with the browser's DecompressionStream("deflate-raw"); the XML with DOMParser.
 */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function readEntries(buf: ArrayBuffer): ZipEntry[] {
  const v = new DataView(buf);
  let eocd = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65557); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file");
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const dec = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error("bad zip directory");
    const method = v.getUint16(p + 10, true);
    const compressedSize = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const localOffset = v.getUint32(p + 42, true);
    const name = dec.decode(new Uint8Array(buf, p + 46, nameLen));
    entries.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function entryText(buf: ArrayBuffer, e: ZipEntry): Promise<string> {
  const v = new DataView(buf);
  const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
  const data = new Uint8Array(buf, start, e.compressedSize);
  if (e.method === 0) return new TextDecoder().decode(data);
  if (e.method !== 8) throw new Error(`unsupported zip method ${e.method}`);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/** Column letters of a cell reference to a zero-based index: "C7" → 2, "AA1" → 26. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, "")) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export async function readXlsx(buf: ArrayBuffer): Promise<string[][]> {
  const entries = readEntries(buf);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parser = new DOMParser();
  const shared: string[] = [];
  const sst = byName.get("xl/sharedStrings.xml");
  if (sst) {
    const doc = parser.parseFromString(await entryText(buf, sst), "application/xml");
    for (const si of Array.from(doc.getElementsByTagName("si"))) {
      shared.push(Array.from(si.getElementsByTagName("t")).map((x) => x.textContent ?? "").join(""));
    }
  }
  const sheetEntry = byName.get("xl/worksheets/sheet1.xml") ?? entries.find((e) => e.name.startsWith("xl/worksheets/sheet"));
  if (!sheetEntry) throw new Error("no worksheet");
  const doc = parser.parseFromString(await entryText(buf, sheetEntry), "application/xml");
  const rows: string[][] = [];
  for (const row of Array.from(doc.getElementsByTagName("row"))) {
    const out: string[] = [];
    for (const c of Array.from(row.getElementsByTagName("c"))) {
      const idx = columnIndex(c.getAttribute("r") ?? "A1");
      const type = c.getAttribute("t");
      let value = "";
      if (type === "s") value = shared[Number(c.getElementsByTagName("v")[0]?.textContent ?? 0)] ?? "";
      else if (type === "inlineStr") value = Array.from(c.getElementsByTagName("t")).map((x) => x.textContent ?? "").join("");
      else value = c.getElementsByTagName("v")[0]?.textContent ?? "";
      while (out.length < idx) out.push("");
      out[idx] = value;
    }
    rows.push(out);
  }
  return rows.filter((r) => r.some((x) => x.trim() !== ""));
}

/** Excel stores dates as days since 1899-12-30; turns such a number into YYYY-MM-DD. */
export function excelSerialToIso(value: string): string {
  if (!/^\d{5}(\.\d+)?$/.test(value)) return value;
  const days = Math.floor(Number(value));
  const ms = Date.UTC(1899, 11, 30) + days * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_COLUMNS = new Set(["date", "完成日期", "title_since", "取得职称日期", "joined", "参加工作日期"]);

/** Rows from a sheet, with date columns given as Excel serials turned into ISO dates. */
export function normaliseSheetDates(rows: string[][]): string[][] {
  if (rows.length === 0) return rows;
  const dateCols = rows[0].map((h, i) => (DATE_COLUMNS.has(h.trim()) ? i : -1)).filter((i) => i >= 0);
  return rows.map((r, n) => (n === 0 ? r : r.map((c, i) => (dateCols.includes(i) ? excelSerialToIso(c.trim()) : c))));
}
