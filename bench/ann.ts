/**
 * Group 4, ANN quality: recall@10 of HNSW against exact (brute-force) search over the same
 * vectors: the real BBC chunk vectors (the index as built), and a 100,000-vector collection made
 * from them with noise; query time of both; a sweep of ef (and of efConstruction on the real
 * vectors) so that the chosen parameters are justified by figures.
 */
import hnswlib from 'hnswlib-node';
import { DEFAULT_HNSW } from '../src/index/build';
import type { Engine } from '../src/engine';
import { analyzeQuestion } from '../src/answer/question';
import type { EvalSet } from '../src/eval/sets';
import { mib, round, summarize, type Table } from './stats';

const DIM = 512;
const SEED = 100;

export interface EfPoint {
  ef: number;
  recallAt10: number;
  queryMs: { p50: number; p99: number; mean: number };
}

export interface AnnCollection {
  name: string;
  vectors: number;
  queries: number;
  M: number;
  efConstruction: number;
  /** HNSW build time (single thread, addPoint per vector), seconds; null for the index as built. */
  buildSeconds: number | null;
  exactQueryMs: { p50: number; p99: number; mean: number };
  sweep: EfPoint[];
  /** At the index's ef (64): recall of the 40 neighbours searchChunks actually asks for. */
  recallAt40AtDefaultEf: number;
  /** Recall@10 for the eval questions alone (the rest of the queries are corpus sentences). */
  questionRecallAt10AtDefaultEf: number;
}

export interface AnnFigures {
  source: string;
  queryMix: string;
  noise: string[];
  defaultParameters: typeof DEFAULT_HNSW;
  collections: AnnCollection[];
  efConstructionSweep: { efConstruction: number; buildSeconds: number; recallAt10AtDefaultEf: number }[];
}

export async function benchAnn(
  engine: Engine,
  sets: EvalSet[],
  sizes: { annScale: number; annQueries: number; efSweep: number[]; extraNoiseCosines: number[]; maxVectorsPerRealChunk: number | null },
  log: (line: string) => void,
): Promise<AnnFigures> {
  const real = chunkVectors(engine);
  const n = real.length / DIM;
  const rng = mulberry32(SEED);

  // Queries: every eval question, then corpus sentences drawn at random (questions resemble sentences).
  const questionTexts = sets.flatMap((s) => [...s.answerable.map((q) => q.question), ...s.unanswerable.map((q) => q.question)]);
  const questionVectors = await engine.embedder.embed(questionTexts.map((q) => analyzeQuestion(q).text));
  const queries: Float32Array[] = questionVectors.slice(0, sizes.annQueries);
  const sentences = engine.index.sentences.length;
  while (queries.length < sizes.annQueries) {
    const id = Math.floor(rng() * sentences);
    queries.push(engine.index.sentenceVectors.slice(id * DIM, (id + 1) * DIM));
  }
  const questionCount = Math.min(questionVectors.length, queries.length);
  const ef = DEFAULT_HNSW.ef;
  log(`  [4] exact search over ${n.toLocaleString('en-US')} real chunk vectors…`);
  const realCollection = measure(
    'BBC chunk vectors (the index as built)',
    engine.index.hnsw,
    real,
    queries,
    questionCount,
    sizes.efSweep,
    null,
    engine.index.manifest.hnsw,
  );
  engine.index.hnsw.setEf(engine.index.manifest.hnsw.ef);

  // efConstruction on the real vectors: build time against recall at the default ef.
  const efConstructionSweep: AnnFigures['efConstructionSweep'] = [];
  const truth = queries.map((q) => exactTopK(real, q, 10).distances);
  for (const efConstruction of [100, DEFAULT_HNSW.efConstruction]) {
    const { index, seconds } = buildHnsw(real, DEFAULT_HNSW.M, efConstruction);
    index.setEf(ef);
    const recall = meanRecall(index, queries, truth, 10, 0, queries.length);
    efConstructionSweep.push({ efConstruction, buildSeconds: round(seconds, 2), recallAt10AtDefaultEf: round(recall, 4) });
  }

  // Scale: the real vectors, then noisy copies of them up to annScale. By default the noise is sized
  // so that a copy is as close to its source as a typical real chunk is to its nearest real
  // neighbour; a second, smaller noise (tight clusters of near-duplicates) is harder for HNSW.
  const nnCosine = medianNearestNeighbourCosine(real, rng);
  // Outside --full the real collection is small: 100,000 vectors would be 30+ noisy copies of each
  // chunk, degenerate clusters that no real corpus has. Those runs stop at 5 vectors per real chunk.
  const scale = Math.max(
    n,
    sizes.maxVectorsPerRealChunk === null ? sizes.annScale : Math.min(sizes.annScale, n * sizes.maxVectorsPerRealChunk),
  );
  const noises: { label: string; cosine: number }[] = [
    { label: 'noise matched to real nearest-neighbour distance', cosine: nnCosine },
    ...sizes.extraNoiseCosines.map((cosine) => ({ label: `small noise, near-duplicate clusters`, cosine })),
  ];
  const scaled: AnnCollection[] = [];
  const noiseNotes: string[] = [];
  for (const noise of noises) {
    const sigma = Math.sqrt((1 / (noise.cosine * noise.cosine) - 1) / DIM);
    const big = noisyCopies(real, scale, sigma, rng);
    log(
      `  [4] HNSW build over ${scale.toLocaleString('en-US')} vectors (${noise.label}; M=${DEFAULT_HNSW.M}, efConstruction=${DEFAULT_HNSW.efConstruction})…`,
    );
    const { index: bigIndex, seconds } = buildHnsw(big, DEFAULT_HNSW.M, DEFAULT_HNSW.efConstruction);
    log(`      built in ${seconds.toFixed(1)} s; exact search for ${queries.length} queries…`);
    const name = `${scale.toLocaleString('en-US')} vectors, copy cos ${round(noise.cosine, 3)}`;
    scaled.push(measure(name, bigIndex, big, queries, questionCount, sizes.efSweep, seconds, DEFAULT_HNSW));
    noiseNotes.push(
      `${name} (${noise.label}): copy = normalize(source + N(0, σ²)·I), σ = ${round(sigma, 5)} per dimension (noise norm ${round(sigma * Math.sqrt(DIM), 3)})`,
    );
  }
  const nnNote =
    `median cosine of a real chunk to its nearest other chunk: ${round(nnCosine, 3)}; ${round(scale / n, 1)} vectors per real chunk` +
    (scale < sizes.annScale
      ? ' (capped at 5 per real chunk outside --full; --full builds 100,000 from the 20,719 chunks of all 2,095 articles)'
      : '');

  return {
    source: `${n.toLocaleString('en-US')} chunk vectors of the benchmark's BBC index (${engine.index.manifest.counts.documents} documents)`,
    queryMix: `${queries.length} queries: ${questionCount} eval questions (embedded) + ${queries.length - questionCount} corpus sentences drawn at random (seed ${SEED})`,
    noise: [nnNote, ...noiseNotes],
    defaultParameters: DEFAULT_HNSW,
    collections: [realCollection, ...scaled],
    efConstructionSweep,
  };
}

function measure(
  name: string,
  index: hnswlib.HierarchicalNSW,
  vectors: Float32Array,
  queries: Float32Array[],
  questionCount: number,
  efSweep: number[],
  buildSeconds: number | null,
  parameters: { M: number; efConstruction: number; ef: number },
): AnnCollection {
  const exactTimes: number[] = [];
  const truth10: Float32Array[] = [];
  const truth40: Float32Array[] = [];
  for (const q of queries) {
    const started = performance.now();
    const top = exactTopK(vectors, q, 40);
    exactTimes.push(performance.now() - started);
    truth40.push(top.distances);
    truth10.push(top.distances.slice(0, 10));
  }
  const sweep: EfPoint[] = [];
  for (const ef of [...new Set([...efSweep, parameters.ef])].sort((a, b) => a - b)) {
    index.setEf(ef);
    const times: number[] = [];
    const recall = meanRecall(index, queries, truth10, 10, 0, queries.length, times);
    const t = summarize(times);
    sweep.push({ ef, recallAt10: round(recall, 4), queryMs: { p50: round(t.p50, 4), p99: round(t.p99, 4), mean: round(t.mean, 4) } });
  }
  index.setEf(parameters.ef);
  const exact = summarize(exactTimes);
  return {
    name,
    vectors: vectors.length / DIM,
    queries: queries.length,
    M: parameters.M,
    efConstruction: parameters.efConstruction,
    buildSeconds: buildSeconds === null ? null : round(buildSeconds, 2),
    exactQueryMs: { p50: round(exact.p50, 3), p99: round(exact.p99, 3), mean: round(exact.mean, 3) },
    sweep,
    recallAt40AtDefaultEf: round(meanRecall(index, queries, truth40, 40, 0, queries.length), 4),
    questionRecallAt10AtDefaultEf: round(meanRecall(index, queries, truth10, 10, 0, questionCount), 4),
  };
}

/**
 * Recall@k, tie-aware: an HNSW result counts when its distance is within the exact k-th
 * distance (duplicate chunks make "which of two equal vectors" meaningless).
 */
function meanRecall(
  index: hnswlib.HierarchicalNSW,
  queries: Float32Array[],
  truth: Float32Array[],
  k: number,
  from: number,
  to: number,
  times?: number[],
): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const query = Array.from(queries[i]!);
    const started = performance.now();
    const { distances } = index.searchKnn(query, k);
    times?.push(performance.now() - started);
    const kth = truth[i]![k - 1]!;
    let hits = 0;
    for (const d of distances) if (d <= kth + 1e-5) hits++;
    sum += Math.min(hits, k) / k;
  }
  return to > from ? sum / (to - from) : Number.NaN;
}

/** Exact top-k by cosine distance (vectors are unit length), ascending distance. */
function exactTopK(vectors: Float32Array, q: Float32Array, k: number): { ids: Int32Array; distances: Float32Array } {
  const n = vectors.length / DIM;
  const ids = new Int32Array(k).fill(-1);
  const best = new Float32Array(k).fill(-Infinity); // similarities, descending
  for (let i = 0; i < n; i++) {
    const offset = i * DIM;
    let s = 0;
    for (let d = 0; d < DIM; d += 4) {
      s +=
        q[d]! * vectors[offset + d]! +
        q[d + 1]! * vectors[offset + d + 1]! +
        q[d + 2]! * vectors[offset + d + 2]! +
        q[d + 3]! * vectors[offset + d + 3]!;
    }
    if (s <= best[k - 1]!) continue;
    let j = k - 1;
    while (j > 0 && best[j - 1]! < s) {
      best[j] = best[j - 1]!;
      ids[j] = ids[j - 1]!;
      j--;
    }
    best[j] = s;
    ids[j] = i;
  }
  return { ids, distances: best.map((s) => 1 - s) };
}

/** The real vectors, then noisy unit-length copies of them (cycling through the sources) up to `scale`. */
function noisyCopies(real: Float32Array, scale: number, sigma: number, rng: () => number): Float32Array {
  const n = real.length / DIM;
  const big = new Float32Array(scale * DIM);
  big.set(real);
  for (let i = n; i < scale; i++) {
    const source = (i - n) % n;
    let norm = 0;
    for (let k = 0; k < DIM; k++) {
      const value = real[source * DIM + k]! + sigma * gaussian(rng);
      big[i * DIM + k] = value;
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    for (let k = 0; k < DIM; k++) big[i * DIM + k]! /= norm;
  }
  return big;
}

function buildHnsw(vectors: Float32Array, M: number, efConstruction: number): { index: hnswlib.HierarchicalNSW; seconds: number } {
  const n = vectors.length / DIM;
  const started = performance.now();
  const index = new hnswlib.HierarchicalNSW('cosine', DIM);
  index.initIndex(n, M, efConstruction, SEED);
  for (let i = 0; i < n; i++) index.addPoint(Array.from(vectors.subarray(i * DIM, (i + 1) * DIM)), i);
  return { index, seconds: (performance.now() - started) / 1000 };
}

/** Chunk vectors exactly as buildIndex makes them: the normalised mean of the chunk's sentence vectors. */
function chunkVectors(engine: Engine): Float32Array {
  const { chunks, sentenceVectors } = engine.index;
  const out = new Float32Array(chunks.length * DIM);
  chunks.forEach((chunk, c) => {
    const sum = out.subarray(c * DIM, (c + 1) * DIM);
    for (const id of chunk.sentenceIds) for (let k = 0; k < DIM; k++) sum[k]! += sentenceVectors[id * DIM + k]!;
    let norm = 0;
    for (let k = 0; k < DIM; k++) norm += sum[k]! * sum[k]!;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < DIM; k++) sum[k]! /= norm;
  });
  // Sanity: the index holds the same vectors.
  const stored = engine.index.hnsw.getPoint(0);
  const drift = Math.max(...stored.map((v, k) => Math.abs(v - out[k]!)));
  if (drift > 1e-4) throw new Error(`chunk vectors differ from the index's (max |Δ| ${drift})`);
  return out;
}

function medianNearestNeighbourCosine(vectors: Float32Array, rng: () => number): number {
  const n = vectors.length / DIM;
  const sims: number[] = [];
  for (let s = 0; s < Math.min(200, n); s++) {
    const i = Math.floor(rng() * n);
    const top = exactTopK(vectors, vectors.subarray(i * DIM, (i + 1) * DIM), 2);
    sims.push(1 - top.distances[1]!);
  }
  sims.sort((a, b) => a - b);
  return sims[Math.floor(sims.length / 2)]!;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function annTables(f: AnnFigures): Table[] {
  const efs = f.collections[0]!.sweep.map((p) => p.ef);
  return [
    {
      title: `4. ANN quality — HNSW (M=${f.defaultParameters.M}, efConstruction=${f.defaultParameters.efConstruction}, ef=${f.defaultParameters.ef}) vs exact brute force`,
      columns: [
        'collection',
        'vectors',
        'build s',
        `recall@10 (ef=${f.defaultParameters.ef})`,
        'recall@40',
        'questions recall@10',
        'HNSW p50 ms',
        'HNSW p99 ms',
        'exact p50 ms',
        'speed-up',
      ],
      rows: f.collections.map((c) => {
        const at = c.sweep.find((p) => p.ef === f.defaultParameters.ef)!;
        return [
          c.name,
          c.vectors,
          c.buildSeconds,
          at.recallAt10,
          c.recallAt40AtDefaultEf,
          c.questionRecallAt10AtDefaultEf,
          at.queryMs.p50,
          at.queryMs.p99,
          c.exactQueryMs.p50,
          round(c.exactQueryMs.p50 / at.queryMs.p50, 0),
        ];
      }),
      notes: [
        f.source,
        f.queryMix,
        ...f.noise,
        'recall@k: share of the exact k nearest found (tie-aware); recall@40 = what searchChunks asks for (k=40 > ef=64 uses ef=max(ef,k)); HNSW time includes Array.from(query) and the N-API call; exact = JS dot-product scan',
      ],
    },
    {
      title: '4b. ef sweep — recall@10 / p50 ms per query',
      columns: ['collection', ...efs.map((ef) => `ef=${ef}`)],
      rows: f.collections.map((c) => [c.name, ...c.sweep.map((p) => `${p.recallAt10.toFixed(4)} / ${p.queryMs.p50.toFixed(3)}`)]),
      notes: [
        `efConstruction on the real vectors (M=${f.defaultParameters.M}, ef=${f.defaultParameters.ef}): ` +
          f.efConstructionSweep
            .map((e) => `efC=${e.efConstruction}: build ${e.buildSeconds} s, recall@10 ${e.recallAt10AtDefaultEf}`)
            .join('; '),
        `memory of the ${f.collections[1]?.vectors.toLocaleString('en-US')}-vector set: ${mib((f.collections[1]?.vectors ?? 0) * DIM * 4)} MiB of float32`,
      ],
    },
  ];
}
