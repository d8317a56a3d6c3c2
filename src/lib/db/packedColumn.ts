/**
 * One field of a block's rows in a form the structured clone copies nearly as one piece: the
 * strings JOINED into one string with a Uint32Array of where each ends, instead of one string
 * each (100k rows were ~700k strings for V8's serializer to write and to read back apart).
 *
 * V8 stores a string at one byte per character only if every character is ≤ U+00FF, so one
 * "€" would double a joined column: the strings holding a wider character are joined apart
 * (`wide`). No UTF-8 step: every UTF-16 code unit, lone surrogates too, comes back as it was.
 * A field with few distinct values (labels, categories) is kept as those values and an index
 * per row instead, so reading it back shares one string per value.
 */
import type { MetaValue } from '$lib/core/data/dataset';

/** A cell: a metadata value, or undefined where the row has no such field. */
export type Cell = MetaValue | undefined;

/** Strings joined, a row's string where the previous one of its kind ended. */
export interface JoinedColumn {
  /** The strings whose characters are all ≤ U+00FF. */
  narrow: Joined;
  /** The others; absent when there are none. */
  wide?: Joined;
  /** Per row, a kind (NARROW …); absent when every row's string is narrow. */
  kinds?: Uint8Array;
  /** Per row, its value where its kind is NUMBER; absent when no row holds a number. */
  numbers?: Float64Array;
}

/**
 * Strings in order, joined. One string per column, not pieces below V8's large-object size
 * (128 KB): pieces joined faster, but read back they were young strings the collector copied
 * while the rows were made, and decoding 100k rows took 160–480 ms against 40–85 ms (Chromium).
 */
export interface Joined {
  chars: string;
  /** Where each string ends in `chars` (UTF-16 units); it starts where the previous one ended. */
  ends: Uint32Array;
}

/** At most MAX_CHOICES distinct values, and per row the index of its value. */
export interface ChoiceColumn {
  choices: Cell[];
  at: Uint8Array;
}

export type PackedColumn = JoinedColumn | ChoiceColumn;

const NARROW = 0;
const WIDE = 1;
const NULL = 2;
const ABSENT = 3;
const NUMBER = 4;

const MAX_CHOICES = 256;
/** A character a one-byte string cannot hold. */
const WIDE_CHAR = /[\u0100-\uffff]/;

/** `cells` as choices when they take few distinct values, else joined. */
export function packColumn(cells: readonly Cell[]): PackedColumn {
  return choiceColumn(cells) ?? joinedColumn(cells);
}

/** Null when the cells take more than MAX_CHOICES values (or a -0, which a Map would take for 0). */
function choiceColumn(cells: readonly Cell[]): ChoiceColumn | null {
  const index = new Map<Cell, number>();
  const choices: Cell[] = [];
  const at = new Uint8Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (Object.is(cell, -0)) return null;
    let c = index.get(cell);
    if (c === undefined) {
      if (choices.length === MAX_CHOICES) return null;
      c = choices.push(cell) - 1;
      index.set(cell, c);
    }
    at[i] = c;
  }
  return { choices, at };
}

function joinedColumn(cells: readonly Cell[]): JoinedColumn {
  const n = cells.length;
  const narrow = new Joiner(n);
  let wide: Joiner | undefined;
  let kinds: Uint8Array | undefined;
  let numbers: Float64Array | undefined;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    if (typeof cell === 'string') {
      if (WIDE_CHAR.test(cell)) {
        (kinds ??= new Uint8Array(n))[i] = WIDE;
        (wide ??= new Joiner(n)).add(cell);
      } else narrow.add(cell);
    } else if (typeof cell === 'number') {
      (kinds ??= new Uint8Array(n))[i] = NUMBER;
      (numbers ??= new Float64Array(n))[i] = cell;
    } else {
      (kinds ??= new Uint8Array(n))[i] = cell === null ? NULL : ABSENT;
    }
  }
  const column: JoinedColumn = { narrow: narrow.done() };
  if (wide) column.wide = wide.done();
  if (kinds) column.kinds = kinds;
  if (numbers) column.numbers = numbers;
  return column;
}

/** Builds a Joined from strings added in order (at most `most` of them). */
class Joiner {
  readonly #ends: Uint32Array;
  readonly #strings: string[] = [];
  #end = 0;
  constructor(most: number) {
    this.#ends = new Uint32Array(most);
  }
  add(s: string): void {
    this.#ends[this.#strings.push(s) - 1] = this.#end += s.length;
  }
  done(): Joined {
    return { chars: this.#strings.join(''), ends: this.#ends.slice(0, this.#strings.length) };
  }
}

/** Reads a Joined's strings in order. */
class Splitter {
  readonly #chars: string;
  readonly #ends: Uint32Array;
  #next = 0;
  constructor({ chars, ends }: Joined) {
    this.#chars = chars;
    this.#ends = ends;
  }
  /** Passes over the next string. */
  skip(): void {
    this.#next++;
  }
  take(): string {
    const i = this.#next++;
    return this.#chars.slice(i === 0 ? 0 : this.#ends[i - 1], this.#ends[i]);
  }
}

/** The cells of rows `from … to` of a packed column, in order. */
export function unpackColumn(column: PackedColumn, from: number, to: number): Cell[] {
  const cells: Cell[] = new Array(Math.max(0, to - from));
  if ('at' in column) {
    const { choices, at } = column;
    for (let i = from; i < to; i++) cells[i - from] = choices[at[i]];
    return cells;
  }
  const { kinds, numbers } = column;
  const narrow = new Splitter(column.narrow);
  if (!kinds) {
    for (let i = 0; i < from; i++) narrow.skip();
    for (let i = from; i < to; i++) cells[i - from] = narrow.take();
    return cells;
  }
  const wide = new Splitter(column.wide ?? { chars: '', ends: new Uint32Array(0) });
  for (let i = 0; i < to; i++) {
    const kind = kinds[i];
    const strings = kind === NARROW ? narrow : kind === WIDE ? wide : null;
    if (i < from) strings?.skip();
    else cells[i - from] = strings ? strings.take() : kind === NUMBER ? numbers![i] : kind === NULL ? null : undefined;
  }
  return cells;
}
