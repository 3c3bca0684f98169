import { describe, expect, it } from 'vitest';
import { AnswerQueue, QueueClosedError, QueueFullError } from '../../../src/discord/admission';
import { StoryQaError } from '../../../src/util/errors';

/** A job the test finishes by hand, recording when it started. */
function gate<T = string>(log: string[] = [], name = '') {
  let release!: (value: T) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<T>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  const job = () => {
    log.push(name);
    return done;
  };
  return { job, release, fail };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('AnswerQueue', () => {
  it('runs at most `concurrency` jobs at once, the others in the order they came', async () => {
    const queue = new AnswerQueue({ concurrency: 2 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd', 'e'].map((name) => gate(started, name));
    const results = gates.map((g) => queue.submit(g.job));
    await settled();
    expect(started).toEqual(['a', 'b']);
    expect([queue.running, queue.length]).toEqual([2, 3]);

    gates[1]!.release('B');
    expect(await results[1]).toBe('B');
    await settled();
    expect(started).toEqual(['a', 'b', 'c']);

    for (const g of gates) g.release('done');
    await Promise.all(results);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([queue.running, queue.length]).toEqual([0, 0]);
  });

  it("gives each job's failure to its own caller and goes on with the next", async () => {
    const queue = new AnswerQueue({ concurrency: 1 });
    const throws = queue.submit(() => {
      throw new Error('sync bug');
    });
    const rejects = queue.submit(() => Promise.reject(new Error('async bug')));
    const fine = queue.submit(() => 42);
    await expect(throws).rejects.toThrow('sync bug');
    await expect(rejects).rejects.toThrow('async bug');
    expect(await fine).toBe(42);
  });

  it('refuses a job at once when the queue is full, saying how large it is', async () => {
    const queue = new AnswerQueue({ concurrency: 1, capacity: 2 });
    const blocker = gate();
    const accepted = [queue.submit(blocker.job), queue.submit(() => 'second'), queue.submit(() => 'third')];

    const refused = queue.submit(() => 'fourth');
    await expect(refused).rejects.toBeInstanceOf(QueueFullError);
    await expect(refused).rejects.toBeInstanceOf(StoryQaError);
    await expect(refused).rejects.toMatchObject({ name: 'QueueFullError', capacity: 2 });
    expect(queue.length).toBe(2);

    blocker.release('first');
    expect(await Promise.all(accepted)).toEqual(['first', 'second', 'third']);
  });

  it('tells a job still waiting after waitNoticeMs, once, where it is in line', async () => {
    const queue = new AnswerQueue({ concurrency: 1, waitNoticeMs: 10 });
    const blocker = gate();
    void queue.submit(blocker.job);
    const positions: number[][] = [[], []];
    const noticed = positions.map(
      (seen) =>
        new Promise<void>((resolve) => {
          void queue.submit(() => 'answer', {
            onWaiting: (position) => {
              seen.push(position);
              resolve();
            },
          });
        }),
    );
    await Promise.all(noticed);
    expect(positions).toEqual([[1], [2]]);
    blocker.release('done');
  });

  it('runs a job whose wait notice fails as if nothing happened', async () => {
    const queue = new AnswerQueue({ concurrency: 1, waitNoticeMs: 0 });
    const blocker = gate();
    void queue.submit(blocker.job);
    let notified!: () => void;
    const noticed = new Promise<void>((resolve) => (notified = resolve));
    const answer = queue.submit(() => 'answer', {
      onWaiting: () => {
        notified();
        throw new Error('message deleted');
      },
    });
    await noticed;
    blocker.release('done');
    expect(await answer).toBe('answer');
  });

  describe('drain', () => {
    it('stops admitting, then waits for running and queued jobs to finish', async () => {
      const queue = new AnswerQueue<string>({ concurrency: 1 });
      const blocker = gate();
      const first = queue.submit(blocker.job, { meta: 'alice' });
      const second = queue.submit(() => 'second', { meta: 'bob' });
      const draining = queue.drain(60_000);
      await expect(queue.submit(() => 'late')).rejects.toBeInstanceOf(QueueClosedError);

      blocker.release('first');
      expect(await draining).toEqual({ abandoned: [] });
      expect([await first, await second]).toEqual(['first', 'second']);
    });

    it('at the deadline, reports the jobs still running and drops the waiting ones for their users to be told', async () => {
      const queue = new AnswerQueue<string>({ concurrency: 1, waitNoticeMs: 60_000 });
      const stuck = gate();
      void queue.submit(stuck.job, { meta: 'alice' });
      const waiting = queue.submit(() => 'never', { meta: 'bob', onWaiting: () => undefined });

      expect(await queue.drain(20)).toEqual({
        abandoned: [
          { meta: 'alice', started: true },
          { meta: 'bob', started: false },
        ],
      });
      await expect(waiting).rejects.toBeInstanceOf(QueueClosedError);
      expect(queue.length).toBe(0);
      stuck.release('late');
    });

    it('returns at once when nothing is running', async () => {
      expect(await new AnswerQueue({ concurrency: 1 }).drain(60_000)).toEqual({ abandoned: [] });
    });
  });
});
