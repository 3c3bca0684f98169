import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** The CLI logs to stderr so that stdout carries only results; the bot logs to stdout. */
  stream?: 'stdout' | 'stderr';
  /** Strings that must never reach a log line (the bot token), replaced by `[redacted]`. */
  secrets?: string[];
  /** Force pretty (true) or JSON (false) output; by default pretty on a terminal only. */
  pretty?: boolean;
}

/** Structured logs: readable on a terminal, one JSON object per line everywhere else. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const target = options.stream === 'stdout' ? process.stdout : process.stderr;
  const usePretty = options.pretty ?? Boolean(target.isTTY);
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const sink = secrets.length ? redactingStream(target, secrets) : target;
  const destination = usePretty
    ? pretty({ destination: sink, sync: true, colorize: Boolean(target.isTTY), ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' })
    : sink;
  return pino(
    {
      level: options.level ?? 'info',
      base: null,
      // Belt and braces: fields that could carry credentials are censored by name too.
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}

/** A logger that drops everything: for library calls whose caller wants silence. */
export const silentLogger: Logger = pino({ level: 'silent' });

function redactingStream(target: NodeJS.WritableStream, secrets: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = chunk.toString();
      for (const secret of secrets) line = line.split(secret).join('[redacted]');
      target.write(line);
      callback();
    },
  });
}
