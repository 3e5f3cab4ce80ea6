// Minimal types for the two comparison scorers of the sentiment benchmark
// (devDependencies without their own types). Only what the harness calls.

declare module 'vader-sentiment' {
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
  };
}

declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number; comparative: number };
  }
}
