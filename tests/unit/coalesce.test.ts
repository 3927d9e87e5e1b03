import { Coalescer } from '../../cloud/src/core/coalesce';

// Concurrent calls with one key share one run; a call after it settled runs afresh; errors are shared too.

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

test('calls with the same key while one runs share its result; other keys run on their own', async () => {
  const c = new Coalescer<number>();
  const gate = deferred<number>();
  let runs = 0;
  const work = () => {
    runs++;
    return gate.promise;
  };
  const a = c.run('county', work);
  const b = c.run('county', work);
  const other = c.run('street', async () => 7);
  expect(runs).toBe(1);
  expect(c.size).toBe(2);
  gate.resolve(42);
  await expect(Promise.all([a, b, other])).resolves.toEqual([42, 42, 7]);
  expect(c.size).toBe(0);
});

test('a call after the run settled runs again (nothing is cached)', async () => {
  const c = new Coalescer<number>();
  let runs = 0;
  const work = async () => ++runs;
  await expect(c.run('k', work)).resolves.toBe(1);
  await expect(c.run('k', work)).resolves.toBe(2);
});

test('a failure reaches every waiter and is not kept', async () => {
  const c = new Coalescer<number>();
  const gate = deferred<number>();
  const a = c.run('k', () => gate.promise);
  const b = c.run('k', () => Promise.resolve(1));
  gate.reject(new Error('database gone'));
  await expect(a).rejects.toThrow('database gone');
  await expect(b).rejects.toThrow('database gone');
  await expect(c.run('k', async () => 3)).resolves.toBe(3);
});
