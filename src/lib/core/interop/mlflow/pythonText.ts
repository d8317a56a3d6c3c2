/**
 * Values as MLflow's Python writes them into the file store, so an exported run reads exactly like
 * one logged from Python:
 * - metric values are Python floats, written with `repr` (`0.9`, `3.0`, `1e-05`, `nan`, `inf`);
 * - params are written with `str(value)`: `5`, `0.001`, `True`, `[64, 32]`, strings as they are.
 *
 * JavaScript has one number type, so a whole number in a param is written as a Python int (`5`,
 * not `5.0`): that is what a Python caller logging the same settings would most likely have had.
 */

/** Python's `repr(float(x))`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without digits gives the shortest digits that round-trip, like Python's repr.
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (e >= digits.length - 1) return `${sign}${digits}${'0'.repeat(e - digits.length + 1)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/** A number as Python's `str` shows the value a Python caller would have logged: int when whole. */
function pythonNumber(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : pythonFloat(x);
}

/** Python's `str(value)` of a param value: `True`/`False`, `[1, 2]`, numbers as above. */
export function pythonParam(value: string | number | boolean | readonly (string | number | boolean)[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  // Inside a list Python shows repr: strings quoted.
  return `[${value.map((v) => (typeof v === 'string' ? pythonStringRepr(v) : pythonParam(v))).join(', ')}]`;
}

/** Python's `repr(str)` for ordinary text: single quotes unless the text has one and no double quote. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${quote}${quote === "'" ? body.replace(/'/g, "\\'") : body}${quote}`;
}
