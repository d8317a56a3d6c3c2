import { createContext } from 'svelte';
import { capitalized, DEFAULT_ROW_WORD, formatCount, type RowWord } from '$lib/core/lifecycle/rowWord';

/**
 * The open project's word for one row, for every view inside the project page without passing
 * it down through each component. Reads are live: a getter runs on each read, so markup that
 * names rows follows an edit on the Frame page at once.
 */
export class RowWords {
  #word: () => RowWord;

  constructor(word: () => RowWord) {
    this.#word = word;
  }

  /** "ticket" */
  get one(): string {
    return this.#word().singular;
  }

  /** "tickets" */
  get many(): string {
    return this.#word().plural;
  }

  /** "Ticket", to start a label. */
  get One(): string {
    return capitalized(this.one);
  }

  /** "Tickets" */
  get Many(): string {
    return capitalized(this.many);
  }

  /** "1 ticket", "1,200 tickets". */
  count(n: number): string {
    return formatCount(n, this.#word());
  }
}

const [getRowWords, setRowWords, hasRowWords] = createContext<RowWords>();

/** Called once by the project page, during its set-up. */
export function provideRowWords(word: () => RowWord): RowWords {
  return setRowWords(new RowWords(word));
}

/** The open project's words; outside a project (a component shown alone), the default "example". */
export function useRowWords(): RowWords {
  return hasRowWords() ? getRowWords() : new RowWords(() => DEFAULT_ROW_WORD);
}
