/**
 * Group 1, warm query latency: `ask()` in a warm process, split into embed / search / compose,
 * next to the bare query embedding (the floor), with the search step taken apart.
 */
import { ask } from '../src/answer/ask';
import { analyzeQuestion } from '../src/answer/question';
import { candidatesFor, resolveQuestion } from '../src/answer/rank';
import type { Engine } from '../src/engine';
import { searchChunks } from '../src/index/search';
import { ratio, round, summarize, type Summary, type Table } from './stats';

export interface LatencyFigures {
  index: string;
  documents: number;
  chunks: number;
  sentences: number;
  questions: number;
  samples: number;
  /** ask() split as its Answer.timings report it; compose = total − embed − search. */
  askMs: { total: Summary; embed: Summary; search: Summary; compose: Summary };
  /** embedder.embed([question]) alone: the floor for ask(). */
  bareEmbedMs: Summary;
  competitor: CompetitorLatency | null;
  /** ask p50 / bare embed p50 (target ≤ 1.5). */
  askOverEmbedP50: number;
  /** The search step taken apart (each piece timed on its own, same questions). */
  searchPartsMs: Record<string, Summary>;
}

/** Another pipeline answering the same questions, timed interleaved with ours (fair under background load). */
export interface Competitor {
  name: string;
  query(question: string): Promise<{ totalMs: number; embedMs: number }>;
}

export interface CompetitorLatency {
  name: string;
  totalMs: Summary;
  embedMs: Summary;
  searchMs: Summary;
}

export async function benchLatency(
  label: string,
  engine: Engine,
  questions: string[],
  rounds: number,
  competitor?: Competitor,
): Promise<LatencyFigures> {
  const parsed = questions.map((q) => analyzeQuestion(q));
  const vectors: Float32Array[] = [];
  // Warm-up: JIT, TF.js kernels, MiniSearch caches.
  for (const [i, q] of questions.entries()) {
    await ask(engine, q);
    vectors.push((await engine.embedder.embed([parsed[i]!.text]))[0]!);
    await competitor?.query(q);
  }

  const total: number[] = [],
    embed: number[] = [],
    search: number[] = [],
    compose: number[] = [],
    bare: number[] = [];
  const other = { total: [] as number[], embed: [] as number[], search: [] as number[] };
  const steps: (() => Promise<void>)[] = [];
  for (let r = 0; r < rounds; r++) {
    questions.forEach((q, i) => {
      const runAsk = async () => {
        const { timings } = await ask(engine, q);
        total.push(timings.totalMs);
        embed.push(timings.embedMs);
        search.push(timings.searchMs);
        compose.push(timings.totalMs - timings.embedMs - timings.searchMs);
      };
      const runBare = async () => {
        const started = performance.now();
        await engine.embedder.embed([parsed[i]!.text]);
        bare.push(performance.now() - started);
      };
      const runOther = async () => {
        if (!competitor) return;
        const t = await competitor.query(q);
        other.total.push(t.totalMs);
        other.embed.push(t.embedMs);
        other.search.push(t.totalMs - t.embedMs);
      };
      // Interleaved, in an order that rotates, so background load hits every pipeline alike.
      const trio = [runAsk, runBare, runOther];
      const shift = (r + i) % 3;
      steps.push(...trio.slice(shift), ...trio.slice(0, shift));
    });
  }
  for (const step of steps) await step();

  const parts: Record<string, number[]> = {
    analyzeQuestion: [],
    resolveQuestion: [],
    hnswSearchKnn40: [],
    bm25Chunks: [],
    searchChunksHybrid: [],
    candidateFeatures: [],
  };
  const perMethod = Math.min(40, engine.index.chunks.length);
  for (let r = 0; r < rounds; r++) {
    questions.forEach((q, i) => {
      const vector = vectors[i]!;
      const question = parsed[i]!;
      let t = performance.now();
      analyzeQuestion(q);
      parts.analyzeQuestion!.push(performance.now() - t);
      t = performance.now();
      const resolved = resolveQuestion(engine.index, question);
      parts.resolveQuestion!.push(performance.now() - t);
      t = performance.now();
      engine.index.hnsw.searchKnn(Array.from(vector), perMethod);
      parts.hnswSearchKnn40!.push(performance.now() - t);
      t = performance.now();
      engine.index.chunkLexicon.search(question.text).slice(0, perMethod);
      parts.bm25Chunks!.push(performance.now() - t);
      t = performance.now();
      const chunks = searchChunks(engine.index, vector, question.text);
      parts.searchChunksHybrid!.push(performance.now() - t);
      t = performance.now();
      candidatesFor(engine.index, question, resolved, vector, chunks);
      parts.candidateFeatures!.push(performance.now() - t);
    });
  }

  const askTotal = summarize(total);
  const bareEmbed = summarize(bare);
  const { counts } = engine.index.manifest;
  return {
    index: label,
    documents: counts.documents,
    chunks: counts.chunks,
    sentences: counts.sentences,
    questions: questions.length,
    samples: total.length,
    askMs: { total: askTotal, embed: summarize(embed), search: summarize(search), compose: summarize(compose) },
    bareEmbedMs: bareEmbed,
    competitor: competitor
      ? { name: competitor.name, totalMs: summarize(other.total), embedMs: summarize(other.embed), searchMs: summarize(other.search) }
      : null,
    askOverEmbedP50: ratio(askTotal.p50, bareEmbed.p50),
    searchPartsMs: Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, summarize(values)])),
  };
}

export function latencyTables(figures: LatencyFigures[]): Table[] {
  const rows = figures.flatMap((f) => [
    [`${f.index}: ask total`, f.askMs.total.p50, f.askMs.total.p95, f.askMs.total.p99, f.askMs.total.mean],
    [`  embed`, f.askMs.embed.p50, f.askMs.embed.p95, f.askMs.embed.p99, f.askMs.embed.mean],
    [`  search (retrieve + rank sentences)`, f.askMs.search.p50, f.askMs.search.p95, f.askMs.search.p99, f.askMs.search.mean],
    [`  compose (select, quote, render)`, f.askMs.compose.p50, f.askMs.compose.p95, f.askMs.compose.p99, f.askMs.compose.mean],
    [`  bare embedder.embed([q])`, f.bareEmbedMs.p50, f.bareEmbedMs.p95, f.bareEmbedMs.p99, f.bareEmbedMs.mean],
    ...(f.competitor
      ? [
          [
            `${f.index}: ${f.competitor.name}`,
            f.competitor.totalMs.p50,
            f.competitor.totalMs.p95,
            f.competitor.totalMs.p99,
            f.competitor.totalMs.mean,
          ],
          [`  embed`, f.competitor.embedMs.p50, f.competitor.embedMs.p95, f.competitor.embedMs.p99, f.competitor.embedMs.mean],
          [`  search`, f.competitor.searchMs.p50, f.competitor.searchMs.p95, f.competitor.searchMs.p99, f.competitor.searchMs.mean],
        ]
      : []),
  ]);
  const partNames = Object.keys(figures[0]?.searchPartsMs ?? {});
  return [
    {
      title: '1. Warm query latency, ms (ask(): embed question + hybrid search + compose)',
      columns: ['index / step', 'p50', 'p95', 'p99', 'mean'],
      rows,
      notes: [
        'ask(), the bare embedding and the LangChain query run interleaved per question (rotating order), so background load affects them alike',
        ...figures.map(
          (f) =>
            `${f.index}: ${f.documents.toLocaleString('en-US')} docs, ${f.chunks.toLocaleString('en-US')} chunks, ${f.sentences.toLocaleString('en-US')} sentences; ${f.samples} asks (${f.questions} eval questions); ask p50 / bare embed p50 = ${f.askOverEmbedP50} (target ≤ 1.5)`,
        ),
      ],
    },
    {
      title: '1b. The search step taken apart, p50 / p99 ms',
      columns: ['index', ...partNames],
      rows: figures.map((f) => [
        f.index,
        ...partNames.map((p) => `${round(f.searchPartsMs[p]!.p50, 2)} / ${round(f.searchPartsMs[p]!.p99, 2)}`),
      ]),
      notes: [
        'hnswSearchKnn40 = index.hnsw.searchKnn(Array.from(v), 40) at the manifest ef; bm25Chunks = chunkLexicon.search(q); candidateFeatures = the ranker’s features of every candidate sentence (BM25 among candidates, dot products, focus/topic coverage, answer types); analyzeQuestion = normalisation, intent, compromise tagging, WordNet expansions',
      ],
    },
  ];
}
