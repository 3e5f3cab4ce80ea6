import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';

describe('loadSentimentConfig', () => {
  it('reads overrides (lower-cased) and targets (sorted by key)', () => {
    const c = loadSentimentConfig(
      'overrides:\n  Traitors: -0.8\n  brotherly: 0.6\ntargets:\n  korea: [Korea*]\n  china: [China, Mao]\n',
      's.yaml',
    );
    expect([...c.overrides]).toEqual([
      ['traitors', -0.8],
      ['brotherly', 0.6],
    ]);
    expect(c.targets).toEqual([
      { key: 'china', patterns: ['China', 'Mao'] },
      { key: 'korea', patterns: ['Korea*'] },
    ]);
  });

  it('gives an empty configuration for an empty file', () => {
    const c = loadSentimentConfig('', 's.yaml');
    expect(c.overrides.size).toBe(0);
    expect(c.targets).toEqual([]);
  });

  it('names file, line, what was expected and what was found', () => {
    expect(() => loadSentimentConfig('overrides:\n  good: 1\n  bad: "very"\n', 's.yaml')).toThrow(
      's.yaml:3: expected a number from -1 to 1 for override "bad", found the text "very"',
    );
    expect(() => loadSentimentConfig('overrides:\n  bad: -2\n', 's.yaml')).toThrow(
      /^s\.yaml:2: expected a number from -1 to 1/,
    );
    expect(() => loadSentimentConfig('targets:\n  China: [China]\n', 's.yaml')).toThrow(
      /^s\.yaml:2: expected a target key of lower-case words/,
    );
    expect(() => loadSentimentConfig('targets:\n  china: []\n', 's.yaml')).toThrow(
      /^s\.yaml:2: expected a non-empty list of patterns/,
    );
    expect(() => loadSentimentConfig('overide:\n  a: 1\n', 's.yaml')).toThrow(
      /^s\.yaml:1: expected "overrides" or "targets", found the key "overide"/,
    );
    expect(() => loadSentimentConfig('overrides: [1\n', 's.yaml')).toThrow(
      /^s\.yaml:\d+: malformed YAML/,
    );
  });

  it('accepts the shipped corpus/sentiment.yaml with the targets the analyses need', () => {
    const c = loadSentimentConfig(readFileSync('corpus/sentiment.yaml', 'utf8'), 'sentiment.yaml');
    expect(c.targets.map((t) => t.key)).toEqual([
      'albania',
      'china',
      'korea',
      'soviet-union',
      'united-states',
      'yugoslavia',
    ]);
    expect(c.overrides.get('revisionists')).toBeLessThan(0);
    expect(c.overrides.get('friendship')).toBeGreaterThan(0);
  });
});
