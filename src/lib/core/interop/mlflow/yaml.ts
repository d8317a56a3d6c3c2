/**
 * The little YAML that MLflow's `meta.yaml` files need, written the way MLflow's FileStore writes
 * them (PyYAML `safe_dump`, `default_flow_style=False`, `sort_keys=True`): one block mapping,
 * keys sorted, values that are scalars, lists of scalars (indentless `- item` lines) or maps of
 * scalars (indented two spaces); an empty list is `[]`, an empty map `{}`.
 *
 * Our own ~120 lines rather than the `yaml` package: the shapes are fixed and flat, the output
 * should match PyYAML's byte for byte, and the core stays free of dependencies. Strings are:
 * - plain unless something could make them another type or break the line (`active`,
 *   `runs:/…/model`, `None` — not a null in YAML, a hex run id);
 * - single-quoted when they could be read as null, a bool, a number or a date (`'0'`, `'null'`,
 *   `'on'`, `'2026-01-01'`), start with an indicator or a space, or hold `: ` or ` #`;
 * - double-quoted with escapes when they hold a line break, a tab or a non-printable character
 *   (PyYAML refuses raw non-printables; U+0085/U+2028/U+2029 are line breaks in YAML 1.1).
 * Where PyYAML would write plain but another reader could disagree (`y`, `n`, YAML 1.2's `1e3`,
 * a leading `-x`), we quote: the value reads back the same everywhere, only the bytes differ.
 */

export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | readonly YamlScalar[] | { readonly [key: string]: YamlScalar };
export type YamlMap = { readonly [key: string]: YamlValue };

/** Words YAML 1.1 reads as null or bool (any case, with y/n for the strictest readers). */
const RESERVED_WORDS = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;
/**
 * Strings a reader would take for a number or a date: PyYAML's int, float and timestamp
 * resolvers (YAML 1.1: `0o7`, `1_000`, `1:30`, `2026-01-01`), and YAML 1.2's core-schema numbers
 * (`1e3`), so other readers agree too. A hex run id such as `95afb2…` stays plain, as PyYAML has it.
 */
const NUMBER_LIKE: readonly RegExp[] = [
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$/,
  /^[-+]?\.(?:inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
  /^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
];
/** First characters that are YAML indicators, or would be ambiguous at the start of a value. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** Whether a code point must be escaped: controls, tab, line breaks, BOM, non-characters, lone surrogates. */
function mustEscape(code: number): boolean {
  return (
    code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
    code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)
  );
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

function doubleQuoted(text: string): string {
  let out = '"';
  // By code point: a lone surrogate comes out as one code point in 0xd800…0xdfff.
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code <= 0xff && mustEscape(code)) out += `\\x${hex(code, 2)}`;
    else if (mustEscape(code)) out += `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A string as a YAML scalar (see the file comment for the three styles). */
export function yamlString(text: string): string {
  for (const ch of text) if (mustEscape(ch.codePointAt(0)!)) return doubleQuoted(text);
  const plain =
    text !== '' &&
    !RESERVED_WORDS.test(text) &&
    !NUMBER_LIKE.some((pattern) => pattern.test(text)) &&
    !INDICATOR_START.test(text) &&
    !text.startsWith('...') &&
    !/\s$/.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':') &&
    text !== '<<' &&
    text !== '=';
  return plain ? text : `'${text.replace(/'/g, "''")}'`;
}

export function yamlScalar(value: YamlScalar): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // Only whole numbers occur in meta.yaml (times, ids, enums); refuse anything PyYAML would write differently.
    if (!Number.isSafeInteger(value)) throw new RangeError(`yaml: ${value} is not a safe integer`);
    return String(value);
  }
  return yamlString(value);
}

function isScalarList(value: YamlValue): value is readonly YamlScalar[] {
  return Array.isArray(value);
}

/** The document for a flat map: keys sorted (by code unit, as Python sorts BMP strings), a final newline. */
export function yamlDocument(map: YamlMap): string {
  const lines: string[] = [];
  for (const key of Object.keys(map).sort()) {
    const value = map[key];
    const k = yamlString(key);
    if (isScalarList(value)) {
      if (value.length === 0) lines.push(`${k}: []`);
      else lines.push(`${k}:`, ...value.map((item) => `- ${yamlScalar(item)}`));
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.keys(value).sort();
      if (entries.length === 0) lines.push(`${k}: {}`);
      else lines.push(`${k}:`, ...entries.map((sub) => `  ${yamlString(sub)}: ${yamlScalar(value[sub])}`));
    } else {
      lines.push(`${k}: ${yamlScalar(value as YamlScalar)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
