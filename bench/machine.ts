import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { BUNDLED_MODEL_ID } from '../src/embed';
import { loadEngineConfig } from '../src/config';
import { REPO_ROOT } from './context';
import { LANGCHAIN_DIR, LANGCHAIN_PACKAGES } from './langchain';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  model: string;
  embedWorkers: number;
  versions: Record<string, string>;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  const cpu = cpus()[0]?.model?.trim() || 'unknown';
  return {
    cpuModel: cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    model: `${BUNDLED_MODEL_ID} (Universal Sentence Encoder lite, 512-d, TF.js WASM)`,
    embedWorkers: loadEngineConfig({}).embedWorkers,
    versions: packageVersions(),
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** Versions of the libraries compared; the LangChain ones from their own package (bench/langchain). */
export function packageVersions(): Record<string, string> {
  return Object.fromEntries([
    ...['hnswlib-node', 'minisearch', '@energetic-ai/core'].map((name) => [name, version(REPO_ROOT, name)]),
    ...LANGCHAIN_PACKAGES.map((name) => [name, version(LANGCHAIN_DIR, name)]),
  ]);
}

function version(dir: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
