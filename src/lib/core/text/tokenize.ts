/**
 * Word tokenizer matching scikit-learn's default `CountVectorizer` / `TfidfVectorizer` analyzer
 * (lowercase=True, token_pattern=r"(?u)\b\w\w+\b", strip_accents=None), so a model trained here
 * sees the same tokens as the Python baseline learners may compare against.
 *
 * Python 3's `\w` on `str` is Unicode-aware: letters (categories L*), digits/numerics (N*) and
 * `_`. We use `[\p{L}\p{N}_]` with the `u` flag. Combining marks (M*) are *not* word characters
 * in Python either, so a decomposed "é" (e + U+0301) splits a word in both. Because every
 * maximal run of word characters either matches as a whole or not at all, `\b\w\w+\b` reduces
 * to "runs of two or more word characters", which is what the pattern below finds. Lengths are
 * counted in code points (the `u` flag), as Python does; `toLowerCase` and Python's `str.lower`
 * both apply Unicode's full default case mapping (including final sigma).
 */

const TOKEN_PATTERN = /[\p{L}\p{N}_]{2,}/gu;
/** One word character of TOKEN_PATTERN (termTable.ts classifies units with it). */
export const TOKEN_CHAR = /^[\p{L}\p{N}_]$/u;

/** Lowercased tokens of two or more word characters, in order of appearance. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN_PATTERN) ?? [];
}

/** Tokens not in the stop list (scikit-learn drops stop words after tokenizing). */
export function removeStopWords(tokens: readonly string[], stopWords: ReadonlySet<string> = ENGLISH_STOP_WORDS): string[] {
  return tokens.filter((t) => !stopWords.has(t));
}

/**
 * scikit-learn's `ENGLISH_STOP_WORDS` (318 words, from the Glasgow IR group list), copied from
 * sklearn/feature_extraction/_stop_words.py as shipped in the 1.x releases — typos included
 * ("amoungst", "couldnt", "hasnt", "noone"), because matching sklearn matters more than spelling.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'above', 'across', 'after', 'afterwards', 'again', 'against',
  'all', 'almost', 'alone', 'along', 'already', 'also', 'although', 'always',
  'am', 'among', 'amongst', 'amoungst', 'amount', 'an', 'and', 'another',
  'any', 'anyhow', 'anyone', 'anything', 'anyway', 'anywhere', 'are',
  'around', 'as', 'at', 'back', 'be', 'became', 'because', 'become',
  'becomes', 'becoming', 'been', 'before', 'beforehand', 'behind', 'being',
  'below', 'beside', 'besides', 'between', 'beyond', 'bill', 'both',
  'bottom', 'but', 'by', 'call', 'can', 'cannot', 'cant', 'co', 'con',
  'could', 'couldnt', 'cry', 'de', 'describe', 'detail', 'do', 'done',
  'down', 'due', 'during', 'each', 'eg', 'eight', 'either', 'eleven', 'else',
  'elsewhere', 'empty', 'enough', 'etc', 'even', 'ever', 'every', 'everyone',
  'everything', 'everywhere', 'except', 'few', 'fifteen', 'fifty', 'fill',
  'find', 'fire', 'first', 'five', 'for', 'former', 'formerly', 'forty',
  'found', 'four', 'from', 'front', 'full', 'further', 'get', 'give', 'go',
  'had', 'has', 'hasnt', 'have', 'he', 'hence', 'her', 'here', 'hereafter',
  'hereby', 'herein', 'hereupon', 'hers', 'herself', 'him', 'himself', 'his',
  'how', 'however', 'hundred', 'i', 'ie', 'if', 'in', 'inc', 'indeed',
  'interest', 'into', 'is', 'it', 'its', 'itself', 'keep', 'last', 'latter',
  'latterly', 'least', 'less', 'ltd', 'made', 'many', 'may', 'me',
  'meanwhile', 'might', 'mill', 'mine', 'more', 'moreover', 'most', 'mostly',
  'move', 'much', 'must', 'my', 'myself', 'name', 'namely', 'neither',
  'never', 'nevertheless', 'next', 'nine', 'no', 'nobody', 'none', 'noone',
  'nor', 'not', 'nothing', 'now', 'nowhere', 'of', 'off', 'often', 'on',
  'once', 'one', 'only', 'onto', 'or', 'other', 'others', 'otherwise', 'our',
  'ours', 'ourselves', 'out', 'over', 'own', 'part', 'per', 'perhaps',
  'please', 'put', 'rather', 're', 'same', 'see', 'seem', 'seemed',
  'seeming', 'seems', 'serious', 'several', 'she', 'should', 'show', 'side',
  'since', 'sincere', 'six', 'sixty', 'so', 'some', 'somehow', 'someone',
  'something', 'sometime', 'sometimes', 'somewhere', 'still', 'such',
  'system', 'take', 'ten', 'than', 'that', 'the', 'their', 'them',
  'themselves', 'then', 'thence', 'there', 'thereafter', 'thereby',
  'therefore', 'therein', 'thereupon', 'these', 'they', 'thick', 'thin',
  'third', 'this', 'those', 'though', 'three', 'through', 'throughout',
  'thru', 'thus', 'to', 'together', 'too', 'top', 'toward', 'towards',
  'twelve', 'twenty', 'two', 'un', 'under', 'until', 'up', 'upon', 'us',
  'very', 'via', 'was', 'we', 'well', 'were', 'what', 'whatever', 'when',
  'whence', 'whenever', 'where', 'whereafter', 'whereas', 'whereby',
  'wherein', 'whereupon', 'wherever', 'whether', 'which', 'while', 'whither',
  'who', 'whoever', 'whole', 'whom', 'whose', 'why', 'will', 'with',
  'within', 'without', 'would', 'yet', 'you', 'your', 'yours', 'yourself',
  'yourselves',
]);
