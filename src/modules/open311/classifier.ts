import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * The learned dispatch's classifier (issue 16 point 6; docs/decisions/024): Chinese word segmentation with
 * @node-rs/jieba, TF-IDF weighted term counts, and a multinomial Naive Bayes with Laplace smoothing. Small, with
 * no dependency but the segmenter, and its model is plain JSON (stored in `dispatch_models`).
 */
interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
}
let jieba: Segmenter | null = null;
function segmenter(): Segmenter {
  if (!jieba) {
    // CommonJS package with a prebuilt binary per platform (no node-gyp); loaded on first use.
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Segmenter } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Words that say nothing about the category (function words of residents' reports). */
const STOP = new Set(
  '的 了 是 在 我 我们 你 您 好 很 都 也 就 还 有 和 与 及 请 希望 一下 一个 这 那 把 被 让 给 对 到 上 下 里 去 来 说 要 能 会 着 过 吗 呢 吧 啊 已经 一直 几天 好几天 没有 不 人 家'.split(
    ' ',
  ),
);

/** The words of a text: segmented, lower-cased, punctuation, digits and stop words dropped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of segmenter().cut(text.normalize('NFKC'), true)) {
    const s = w.trim().toLowerCase();
    if (!s || STOP.has(s) || /^[\p{P}\p{S}\p{N}\s]+$/u.test(s)) continue;
    out.push(s);
  }
  return out;
}

export const NaiveBayesModel = z.object({
  kind: z.literal('tfidf-multinomial-nb'),
  labels: z.array(z.string()),
  /** log P(label) */
  logPrior: z.array(z.number()),
  /** word → [idf, log P(word | label) for each label] */
  words: z.record(z.string(), z.array(z.number())),
  /** log P(unseen word | label) for each label */
  logUnseen: z.array(z.number()),
});
export type NaiveBayesModel = z.infer<typeof NaiveBayesModel>;

export interface Sample {
  text: string;
  label: string;
}

/** Trains on tokenized samples: idf from document frequencies, TF-IDF weights as the multinomial's counts. */
export function trainNaiveBayes(samples: readonly { tokens: string[]; label: string }[], alpha = 0.5): NaiveBayesModel {
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const li = new Map(labels.map((l, i) => [l, i]));
  const df = new Map<string, number>();
  for (const s of samples) for (const w of new Set(s.tokens)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = samples.length;
  const idf = new Map([...df].map(([w, d]) => [w, Math.log((1 + n) / (1 + d)) + 1]));
  const weight = labels.map(() => new Map<string, number>());
  const total = labels.map(() => 0);
  const docs = labels.map(() => 0);
  for (const s of samples) {
    const k = li.get(s.label)!;
    docs[k]!++;
    for (const [w, v] of tfidf(s.tokens, (x) => idf.get(x))) {
      weight[k]!.set(w, (weight[k]!.get(w) ?? 0) + v);
      total[k]! += v;
    }
  }
  const V = df.size;
  const words: Record<string, number[]> = {};
  for (const [w, f] of idf)
    words[w] = [f, ...labels.map((_, k) => Math.log(((weight[k]!.get(w) ?? 0) + alpha) / (total[k]! + alpha * V)))];
  return {
    kind: 'tfidf-multinomial-nb',
    labels,
    logPrior: docs.map((d) => Math.log(d / n)),
    words,
    logUnseen: labels.map((_, k) => Math.log(alpha / (total[k]! + alpha * V))),
  };
}

/**
 * A text's TF-IDF vector, L2-normalised (as TF-IDF usually is): a long report weighs as much as a short one, and
 * the posteriors stay moderate instead of saturating at 100 % with every extra word.
 */
function tfidf(tokens: readonly string[], idfOf: (w: string) => number | undefined): Map<string, number> {
  const v = new Map<string, number>();
  for (const [w, tf] of counts(tokens)) {
    const f = idfOf(w);
    if (f !== undefined) v.set(w, tf * f);
  }
  const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1;
  for (const [w, x] of v) v.set(w, x / norm);
  return v;
}

function counts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of tokens) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Every label with its probability, best first (a softmax of the log scores). Unknown words are ignored. */
export function predict(model: NaiveBayesModel, tokens: readonly string[]): { label: string; p: number }[] {
  const score = [...model.logPrior];
  for (const [w, v] of tfidf(tokens, (x) => model.words[x]?.[0])) {
    const row = model.words[w]!;
    for (let k = 0; k < score.length; k++) score[k]! += v * row[k + 1]!;
  }
  const max = Math.max(...score);
  const exp = score.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return model.labels.map((label, k) => ({ label, p: exp[k]! / sum })).sort((a, b) => b.p - a.p);
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation: stratified k-fold cross-validation with a majority-class baseline
// ---------------------------------------------------------------------------------------------------------------

/** Fold of each sample: each label's samples dealt round-robin over k folds after a seeded shuffle. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): number[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const l of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(l)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    // The offset carries over labels, so small labels do not all land in fold 0.
    idx.forEach((s, i) => (fold[s] = (i + offset) % k));
    offset = (offset + idx.length) % k;
  }
  return fold;
}

export interface PerLabel {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface Scores {
  accuracy: number;
  macroF1: number;
  perLabel: PerLabel[];
}

/** Accuracy, per-label precision/recall/F1 and their macro average, from true and predicted labels. */
export function score(truth: readonly string[], guess: readonly string[]): Scores {
  const labels = [...new Set(truth)].sort();
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      if (guess[i] === label && t === label) tp++;
      else if (guess[i] === label) fp++;
      else if (t === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: tp + fn, precision, recall, f1 };
  });
  const correct = truth.filter((t, i) => guess[i] === t).length;
  return {
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((a, p) => a + p.f1, 0) / perLabel.length : 0,
    perLabel,
  };
}

export interface CrossValidation {
  k: number;
  samples: number;
  model: Scores;
  baseline: Scores & { label: string };
}

/**
 * Stratified k-fold cross-validation of the classifier beside the majority-class baseline (the most frequent label
 * of each training fold, predicted for every sample of its test fold).
 */
export function crossValidate(samples: readonly Sample[], k = 5, seed = 1): CrossValidation {
  if (samples.length < k) throw new Error(`need at least ${k} samples, got ${samples.length}`);
  const tokens = samples.map((s) => tokenize(s.text));
  const truth = samples.map((s) => s.label);
  const folds = stratifiedFolds(truth, k, seed);
  const guess = new Array<string>(samples.length);
  const base = new Array<string>(samples.length);
  let majority = '';
  for (let f = 0; f < k; f++) {
    const train = samples.flatMap((s, i) => (folds[i] === f ? [] : [{ tokens: tokens[i]!, label: s.label }]));
    const model = trainNaiveBayes(train);
    const freq = counts(train.map((s) => s.label));
    majority = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    samples.forEach((_, i) => {
      if (folds[i] !== f) return;
      guess[i] = predict(model, tokens[i]!)[0]!.label;
      base[i] = majority;
    });
  }
  return {
    k,
    samples: samples.length,
    model: score(truth, guess),
    baseline: { ...score(truth, base), label: majority },
  };
}

/** Reads a UTF-8 CSV (RFC 4180 quoting, a header row) into rows of named fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((c) => c.trim()));
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

/** Writes rows as CSV (quoted where needed). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/** The report of an evaluation as text: per-label table beside the baseline. */
export function formatCrossValidation(cv: CrossValidation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${cv.k}-fold stratified cross-validation, ${cv.samples} samples`,
    `model (TF-IDF + multinomial Naive Bayes): accuracy ${pct(cv.model.accuracy)}, macro-F1 ${cv.model.macroF1.toFixed(3)}`,
    `baseline (majority class "${cv.baseline.label}"): accuracy ${pct(cv.baseline.accuracy)}, macro-F1 ${cv.baseline.macroF1.toFixed(3)}`,
    '',
    'category | support | precision | recall | F1 | baseline F1',
    '---|---|---|---|---|---',
  ];
  cv.model.perLabel.forEach((p, i) => {
    const b = cv.baseline.perLabel[i]!;
    lines.push(
      `${p.label} | ${p.support} | ${p.precision.toFixed(3)} | ${p.recall.toFixed(3)} | ${p.f1.toFixed(3)} | ${b.f1.toFixed(3)}`,
    );
  });
  return lines.join('\n');
}
