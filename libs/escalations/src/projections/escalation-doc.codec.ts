import { HEX, hexDigit, instantOf, KEY_INDEX, KEYS, STRING_INDEX, STRINGS } from './escalation-doc.format.js';
import type { EscalationDoc } from './escalations.projection.js';

/**
 * Escalation documents as stored: a compact binary form of their JSON, written and read in a few
 * microseconds (a zlib call costs tens of them, mostly setting up). What makes a document long is
 * spelled in a byte or a few: the keys, the enumerations' values and `true`/`false`/`null` are
 * indexes into fixed tables, uuids take their 16 bytes, instants (`…T…Z`, as toISOString writes
 * them) 6 bytes of epoch milliseconds, and a string met again in the same document is a back
 * reference to its first occurrence. Anything else (an unknown key, a free text, a float) is kept as
 * it is, so every JSON value reads back exactly as `JSON.parse(JSON.stringify(value))` would.
 * The tables and recognisers are in escalation-doc.format.ts.
 */
const FORMAT = 1;

const enum Tag {
  Null = 0,
  False = 1,
  True = 2,
  Int = 3,
  Float = 4,
  Ascii = 5,
  Utf8 = 6,
  Uuid = 7,
  Instant = 8,
  Again = 9,
  Known = 10,
  Array = 11,
  Object = 12,
  NegativeInt = 13,
}

/** Key bytes: an index into KEYS, or one of these. */
const UNKNOWN_KEY = 0xfe;
const END_OF_OBJECT = 0xff;
/** Strings this long or longer can be referred back to. */
const REPEATABLE = 4;

class Writer {
  buffer = Buffer.allocUnsafe(16_384);
  position = 0;
  readonly seen = new Map<string, number>();

  reset(): void {
    this.position = 0;
    this.seen.clear();
  }

  room(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(larger, 0, 0, this.position);
    this.buffer = larger;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.position++] = value;
  }

  /** A non-negative integer up to 2^53, 7 bits a byte. */
  varint(value: number): void {
    this.room(8);
    while (value >= 0x80) {
      this.buffer[this.position++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.position++] = value;
  }

  value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.number(value);
      case 'boolean':
        return this.byte(value ? Tag.True : Tag.False);
      case 'object':
        if (value === null) return this.byte(Tag.Null);
        if (Array.isArray(value)) return this.array(value);
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
          return this.value((value as { toJSON(): unknown }).toJSON());
        }
        return this.object(value as Record<string, unknown>);
      default:
        // As JSON.stringify writes them inside arrays: undefined, functions and symbols are null.
        return this.byte(Tag.Null);
    }
  }

  private array(values: unknown[]): void {
    this.byte(Tag.Array);
    this.varint(values.length);
    for (const value of values) this.value(value);
  }

  private object(object: Record<string, unknown>): void {
    this.byte(Tag.Object);
    for (const key in object) {
      if (!Object.hasOwn(object, key)) continue;
      const value = object[key];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      const index = KEY_INDEX.get(key);
      if (index === undefined) {
        this.byte(UNKNOWN_KEY);
        this.text(key);
      } else this.byte(index);
      this.value(value);
    }
    this.byte(END_OF_OBJECT);
  }

  private number(value: number): void {
    if (!Number.isFinite(value)) return this.byte(Tag.Null);
    if (Number.isSafeInteger(value)) {
      if (value < 0) {
        this.byte(Tag.NegativeInt);
        return this.varint(-value);
      }
      this.byte(Tag.Int);
      return this.varint(value);
    }
    this.byte(Tag.Float);
    this.room(8);
    this.position = this.buffer.writeDoubleLE(value, this.position);
  }

  private string(value: string): void {
    // The known strings are empty or start with a capital letter.
    const first = value.length === 0 ? 65 : value.charCodeAt(0);
    const known = first >= 65 && first <= 90 ? STRING_INDEX.get(value) : undefined;
    if (known !== undefined) {
      this.byte(Tag.Known);
      return this.byte(known);
    }
    if (value.length >= REPEATABLE) {
      const earlier = this.seen.get(value);
      if (earlier !== undefined) {
        this.byte(Tag.Again);
        return this.varint(earlier);
      }
      this.seen.set(value, this.seen.size);
    }
    if (value.length === 36 && this.uuid(value)) return;
    if (value.length === 24) {
      const instant = instantOf(value);
      if (instant !== undefined) {
        this.room(7);
        this.buffer[this.position++] = Tag.Instant;
        this.position = this.buffer.writeUIntLE(instant, this.position, 6);
        return;
      }
    }
    this.text(value);
  }

  /** Writes a lowercase uuid's 16 bytes; false (and nothing written) for anything else. */
  private uuid(value: string): boolean {
    const dash = 45;
    if (value.charCodeAt(8) !== dash || value.charCodeAt(13) !== dash) return false;
    if (value.charCodeAt(18) !== dash || value.charCodeAt(23) !== dash) return false;
    this.room(17);
    const start = this.position;
    this.buffer[start] = Tag.Uuid;
    let at = start + 1;
    for (let i = 0; i < 36; i += 2) {
      if (i === 8 || i === 13 || i === 18 || i === 23) i++;
      const high = hexDigit(value.charCodeAt(i));
      const low = hexDigit(value.charCodeAt(i + 1));
      if (high < 0 || low < 0) return false;
      this.buffer[at++] = high * 16 + low;
    }
    this.position = at;
    return true;
  }

  /** A tagged string: as its bytes when it is ASCII, else in UTF-8. */
  private text(value: string): void {
    const length = value.length;
    this.room(length + 10);
    const start = this.position;
    this.buffer[this.position++] = Tag.Ascii;
    this.varint(length);
    const buffer = this.buffer;
    let at = this.position;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        const bytes = Buffer.byteLength(value, 'utf8');
        this.position = start;
        this.room(bytes + 10);
        this.buffer[this.position++] = Tag.Utf8;
        this.varint(bytes);
        this.position += this.buffer.write(value, this.position, 'utf8');
        return;
      }
      buffer[at++] = code;
    }
    this.position = at;
  }
}

class Reader {
  position = 1;
  readonly strings: string[] = [];

  constructor(private readonly buffer: Buffer) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.buffer[this.position++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  value(): unknown {
    const tag = this.buffer[this.position++] as Tag;
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int:
        return this.varint();
      case Tag.NegativeInt:
        return -this.varint();
      case Tag.Float: {
        const value = this.buffer.readDoubleLE(this.position);
        this.position += 8;
        return value;
      }
      case Tag.Ascii:
      case Tag.Utf8:
        return this.remember(this.text(tag));
      case Tag.Uuid:
        return this.remember(this.uuid());
      case Tag.Instant: {
        const value = new Date(this.buffer.readUIntLE(this.position, 6)).toISOString();
        this.position += 6;
        return this.remember(value);
      }
      case Tag.Again:
        return this.strings[this.varint()];
      case Tag.Known:
        return STRINGS[this.buffer[this.position++]];
      case Tag.Array: {
        const length = this.varint();
        const values = new Array<unknown>(length);
        for (let i = 0; i < length; i++) values[i] = this.value();
        return values;
      }
      case Tag.Object:
        return this.object();
      default:
        throw new Error(`Not an escalation document: tag ${String(tag)} at byte ${this.position - 1}`);
    }
  }

  private object(): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (;;) {
      const keyByte = this.buffer[this.position++];
      if (keyByte === END_OF_OBJECT) return object;
      if (keyByte !== UNKNOWN_KEY) {
        object[KEYS[keyByte]] = this.value();
        continue;
      }
      const key = this.text(this.buffer[this.position++] as Tag);
      Object.defineProperty(object, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
    }
  }

  private text(tag: Tag): string {
    const length = this.varint();
    const start = this.position;
    this.position += length;
    return this.buffer.toString(tag === Tag.Ascii ? 'latin1' : 'utf8', start, this.position);
  }

  private uuid(): string {
    const b = this.buffer;
    const p = this.position;
    this.position += 16;
    return (
      HEX[b[p]] + HEX[b[p + 1]] + HEX[b[p + 2]] + HEX[b[p + 3]] + '-' +
      HEX[b[p + 4]] + HEX[b[p + 5]] + '-' + HEX[b[p + 6]] + HEX[b[p + 7]] + '-' +
      HEX[b[p + 8]] + HEX[b[p + 9]] + '-' + HEX[b[p + 10]] + HEX[b[p + 11]] +
      HEX[b[p + 12]] + HEX[b[p + 13]] + HEX[b[p + 14]] + HEX[b[p + 15]]
    ); // prettier-ignore
  }

  private remember(value: string): string {
    if (value.length >= REPEATABLE) this.strings.push(value);
    return value;
  }
}

const writer = new Writer();

/** Any JSON value (an escalation document, a note) in the stored form. */
export function encodeDocument(value: unknown): Buffer {
  writer.reset();
  writer.byte(FORMAT);
  writer.value(value);
  const stored = Buffer.allocUnsafe(writer.position);
  writer.buffer.copy(stored, 0, 0, writer.position);
  return stored;
}

export function decodeDocument<T>(stored: Buffer): T {
  if (stored[0] !== FORMAT) throw new Error(`Unknown escalation document format ${stored[0]}`);
  return new Reader(stored).value() as T;
}

export const encodeEscalationDoc: (doc: EscalationDoc) => Buffer = encodeDocument;

export const decodeEscalationDoc: (stored: Buffer) => EscalationDoc = decodeDocument;
