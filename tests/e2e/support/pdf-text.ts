/**
 * The text of a PDF that Chromium made (Skia/PDF), without a PDF library or pdftotext: enough to
 * check that a printed page says what it should. Reads the objects, inflates the streams, maps each
 * page's glyphs to text through its fonts' ToUnicode CMaps, prefers /ActualText where Skia gives it
 * (shaped scripts, emoji), and puts glyph runs in reading order within a right-to-left run.
 *
 * Lines are separated by "\n" (a new baseline); runs on the same baseline are joined as they are
 * (spaces are glyphs of their own). It is not a general PDF reader: it throws on what it does not
 * understand rather than answer with less text than there is.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end === -1) throw new Error(`PDF object ${match[1]} has no endobj`);
    const streamAt = text.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = text.slice(start, streamAt);
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1];
      if (length === undefined) throw new Error(`PDF object ${match[1]}: a stream without a direct /Length`);
      const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + Number(length));
      const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      objects.set(Number(match[1]), { dict, stream });
      header.lastIndex = text.indexOf('endobj', dataStart + Number(length)) + 'endobj'.length;
    } else {
      objects.set(Number(match[1]), { dict: text.slice(start, end) });
      header.lastIndex = end + 'endobj'.length;
    }
  }
  return objects;
}

/** UTF-16BE hex ("0041D83DDC4D") to a string. */
function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

interface CMap {
  readonly bytes: number;
  readonly map: Map<number, string>;
}

function parseCMap(source: string): CMap {
  const map = new Map<number, string>();
  let bytes = 0;
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
      bytes ||= (src ?? '').length / 2;
      map.set(parseInt(src ?? '', 16), utf16(dst ?? ''));
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const entries = (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g,
    );
    for (const [, lo, hi, dst] of entries) {
      bytes ||= (lo ?? '').length / 2;
      const from = parseInt(lo ?? '', 16);
      const to = parseInt(hi ?? '', 16);
      if (dst?.startsWith('[')) {
        const list = [...dst.matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => utf16(m[1] ?? ''));
        for (let code = from; code <= to; code++) map.set(code, list[code - from] ?? '');
      } else {
        const base = utf16((dst ?? '<>').slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let code = from; code <= to; code++)
          map.set(code, base.slice(0, -1) + String.fromCharCode(last + code - from));
      }
    }
  }
  return { bytes: bytes || 2, map };
}

type Token =
  | { readonly kind: 'string'; readonly bytes: Buffer }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'op'; readonly value: string }
  | { readonly kind: 'array'; readonly items: Token[] }
  | { readonly kind: 'dict'; readonly source: string };

function literal(source: string, from: number): { bytes: Buffer; end: number } {
  const out: number[] = [];
  let depth = 1;
  let i = from;
  while (i < source.length && depth > 0) {
    const ch = source[i] ?? '';
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1))?.[0] ?? '0';
        out.push(parseInt(octal, 8));
        i += 1 + octal.length;
        continue;
      }
      if (next in escapes) out.push(escapes[next] ?? 0);
      i += 2;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) break;
    out.push(ch.charCodeAt(0));
    i++;
  }
  return { bytes: Buffer.from(out), end: i + 1 };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const stack: Token[][] = [tokens];
  const push = (token: Token) => stack[stack.length - 1]?.push(token);
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '%') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (source.startsWith('<<', i)) {
      let depth = 0;
      let j = i;
      do {
        if (source.startsWith('<<', j)) {
          depth++;
          j += 2;
        } else if (source.startsWith('>>', j)) {
          depth--;
          j += 2;
        } else j++;
      } while (depth > 0 && j < source.length);
      push({ kind: 'dict', source: source.slice(i, j) });
      i = j;
    } else if (ch === '<') {
      const end = source.indexOf('>', i);
      push({ kind: 'string', bytes: Buffer.from(source.slice(i + 1, end).replace(/\s/g, ''), 'hex') });
      i = end + 1;
    } else if (ch === '(') {
      const { bytes, end } = literal(source, i + 1);
      push({ kind: 'string', bytes });
      i = end;
    } else if (ch === '[') {
      stack.push([]);
      i++;
    } else if (ch === ']') {
      const items = stack.pop() ?? [];
      push({ kind: 'array', items });
      i++;
    } else if (ch === '/') {
      const name = /^\/[^\s/<>[\]()%{}]*/.exec(source.slice(i))?.[0] ?? '/';
      push({ kind: 'name', value: name.slice(1) });
      i += name.length;
    } else {
      const word = /^[^\s/<>[\]()%{}]+/.exec(source.slice(i))?.[0];
      if (!word) throw new Error(`Unexpected "${ch}" in a PDF content stream`);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) push({ kind: 'number', value: Number(word) });
      else push({ kind: 'op', value: word });
      i += word.length;
    }
  }
  return tokens;
}

function decode(bytes: Buffer, cmap: CMap): string {
  let out = '';
  for (let i = 0; i + cmap.bytes <= bytes.length; i += cmap.bytes) {
    out += cmap.map.get(bytes.readUIntBE(i, cmap.bytes)) ?? '';
  }
  return out;
}

const ref = (dict: string, key: string): number | undefined => {
  const found = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict)?.[1];
  return found === undefined ? undefined : Number(found);
};

/** The text of one page's content, its fonts named as in its /Font resources. */
function pageText(content: string, fonts: Map<string, CMap | null>): string {
  let out = '';
  let font: CMap | null = null;
  let lineY: number | null = null;
  let y = 0;
  // Marked content: /ActualText replaces the glyphs inside; ReversedChars holds glyphs right to left.
  const marks: { actual?: string; reversed?: boolean; collected: string }[] = [];
  const operands: Token[] = [];
  /** Glyphs as text; a font without a ToUnicode CMap only inside /ActualText, which replaces them. */
  const show = (bytes: Buffer) => {
    if (font) emit(decode(bytes, font));
    else if (!marks.some((m) => m.actual !== undefined))
      throw new Error('Text in a font without a ToUnicode CMap, and no /ActualText');
  };
  const emit = (text: string) => {
    const top = marks[marks.length - 1];
    if (top) top.collected += text;
    else out += text;
  };
  const moveTo = (nextY: number) => {
    if (lineY !== null && Math.abs(nextY - lineY) > 0.5) emit('\n');
    lineY = nextY;
    y = nextY;
  };
  for (const token of tokenize(content)) {
    if (token.kind !== 'op') {
      operands.push(token);
      continue;
    }
    const args = operands.splice(0);
    const number = (i: number) => {
      const t = args[i];
      return t?.kind === 'number' ? t.value : 0;
    };
    switch (token.value) {
      case 'Tf': {
        const name = args[0]?.kind === 'name' ? args[0].value : '';
        if (!fonts.has(name)) throw new Error(`Font /${name} is not among the page's fonts`);
        font = fonts.get(name) ?? null;
        break;
      }
      case 'Tm':
        moveTo(number(5));
        break;
      case 'Td':
      case 'TD':
        moveTo(y + number(1));
        break;
      case 'T*':
        emit('\n');
        break;
      case 'Tj':
      case "'":
      case '"': {
        if (token.value !== 'Tj') emit('\n');
        const string = args[args.length - 1];
        if (string?.kind === 'string') show(string.bytes);
        break;
      }
      case 'TJ': {
        const array = args[0];
        if (array?.kind === 'array')
          for (const item of array.items) if (item.kind === 'string') show(item.bytes);
        break;
      }
      case 'BMC':
        marks.push({
          reversed: args[0]?.kind === 'name' && args[0].value === 'ReversedChars',
          collected: '',
        });
        break;
      case 'BDC': {
        const properties = args[1]?.kind === 'dict' ? args[1].source : '';
        const actual = /\/ActualText\s*<([0-9A-Fa-f]*)>/.exec(properties)?.[1];
        marks.push({
          ...(actual === undefined ? {} : { actual: utf16(actual.replace(/^FEFF/i, '')) }),
          collected: '',
        });
        break;
      }
      case 'EMC': {
        const mark = marks.pop();
        if (!mark) break;
        emit(mark.actual ?? (mark.reversed ? [...mark.collected].reverse().join('') : mark.collected));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

export interface PdfText {
  readonly pages: number;
  /** Every page's text, pages separated by a form feed. */
  readonly text: string;
}

export function pdfText(pdf: Buffer): PdfText {
  const objects = parseObjects(pdf);
  const cmapOf = (fontId: number): CMap | null => {
    const font = objects.get(fontId);
    if (!font) throw new Error(`Font ${fontId} is missing`);
    const toUnicode = ref(font.dict, 'ToUnicode');
    const stream = toUnicode === undefined ? undefined : objects.get(toUnicode)?.stream;
    return stream ? parseCMap(stream.toString('latin1')) : null;
  };
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page(?![A-Za-z])/.test(o.dict));
  const texts = pages.map((page) => {
    const resourcesRef = ref(page.dict, 'Resources');
    const resources = resourcesRef === undefined ? page.dict : (objects.get(resourcesRef)?.dict ?? '');
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, CMap | null>();
    for (const [, name, id] of fontDict.matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g)) {
      if (name) fonts.set(name, cmapOf(Number(id)));
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    return [...contents.matchAll(/(\d+)\s+0\s+R/g)]
      .map(([, id]) => {
        const stream = objects.get(Number(id))?.stream;
        if (!stream) throw new Error(`Page content ${id} is missing`);
        return pageText(stream.toString('latin1'), fonts);
      })
      .join('\n');
  });
  return { pages: pages.length, text: texts.join('\f') };
}
