import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  crossValidate,
  parseCsv,
  predict,
  score,
  stratifiedFolds,
  tokenize,
  toCsv,
  trainNaiveBayes,
} from './classifier.js';
import { escapeXml, xmlList } from './xml.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('learned dispatch classifier', () => {
  it('segments Chinese with jieba and drops punctuation and stop words', () => {
    const words = tokenize('小区门口的路灯坏了，晚上出行很不方便！');
    expect(words).toContain('路灯');
    expect(words).toContain('小区');
    expect(words).not.toContain('的');
    expect(words).not.toContain('，');
  });

  it('learns words of each category and answers probabilities that sum to one', () => {
    const m = trainNaiveBayes([
      { tokens: tokenize('路灯坏了请维修'), label: 'repair' },
      { tokens: tokenize('电梯坏了请维修'), label: 'repair' },
      { tokens: tokenize('垃圾没人清运'), label: 'environment' },
      { tokens: tokenize('垃圾堆在楼下很臭'), label: 'environment' },
    ]);
    const p = predict(m, tokenize('单元的路灯又坏了'));
    expect(p[0]!.label).toBe('repair');
    expect(p.reduce((a, x) => a + x.p, 0)).toBeCloseTo(1, 9);
    expect(predict(m, tokenize('垃圾桶满了'))[0]!.label).toBe('environment');
  });

  it('keeps each category spread over the folds (stratified)', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b'), ...Array(3).fill('c')];
    const folds = stratifiedFolds(labels, 5, 7);
    for (let f = 0; f < 5; f++) expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(2);
    expect(new Set(folds.filter((_, i) => labels[i] === 'b')).size).toBe(5);
  });

  it('scores accuracy and macro-F1 as defined', () => {
    const s = score(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.75);
    const f1a = (2 * 1 * 0.5) / 1.5;
    const f1b = (2 * (2 / 3) * 1) / (2 / 3 + 1);
    expect(s.macroF1).toBeCloseTo((f1a + f1b) / 2, 9);
  });

  it('beats the majority-class baseline in 5-fold cross-validation on a fixed small corpus', () => {
    const rows = parseCsv(fs.readFileSync(path.join(here, 'dispatch.corpus.csv'), 'utf8'));
    expect(rows.length).toBe(60);
    const cv = crossValidate(
      rows.map((r) => ({ text: r.text!, label: r.category! })),
      5,
    );
    expect(cv.samples).toBe(60);
    expect(cv.model.accuracy).toBeGreaterThan(cv.baseline.accuracy + 0.3);
    expect(cv.model.macroF1).toBeGreaterThan(cv.baseline.macroF1 + 0.3);
  });

  it('reads and writes CSV with quotes, commas and line breaks', () => {
    const csv = toCsv(
      ['text', 'category'],
      [
        ['他说"漏水了"，三楼,二单元', 'repair'],
        ['第一行\n第二行', 'other'],
      ],
    );
    expect(parseCsv(`\uFEFF${csv}`)).toEqual([
      { text: '他说"漏水了"，三楼,二单元', category: 'repair' },
      { text: '第一行\n第二行', category: 'other' },
    ]);
  });

  it('writes XML with escaped text and empty elements for missing values', () => {
    expect(escapeXml('a<b & "c"\u0001')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(xmlList('errors', 'error', [{ code: 400, description: '<x>', extra: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>&lt;x&gt;</description><extra/></error></errors>',
    );
  });
});
