import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { LiveQuery } from '../../../../src/client/db/index.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';

async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the live query');
    await new Promise((resolve) => setTimeout(resolve, 10));
    flushSync();
  }
}

describe('LiveQuery (runes adapter over Dexie liveQuery)', () => {
  it('updates a reader after a write to what it queried', async () => {
    const repos = freshRepositories();
    const titles = new LiveQuery(
      async () => (await repos.dialogues.list('local')).map((d) => d.title),
      [] as string[],
    );
    const seen: string[][] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(titles.current);
      });
    });
    try {
      await until(() => titles.loaded);
      expect(seen.at(-1)).toEqual([]);
      await repos.dialogues.create({ title: 'Trygghet', question: 'Q' }, WRITER);
      await until(() => seen.at(-1)?.length === 1);
      expect(seen.at(-1)).toEqual(['Trygghet']);
      await repos.dialogues.create({ title: 'Skolan', question: 'Q' }, WRITER);
      await until(() => seen.at(-1)?.length === 2);
      expect(seen.at(-1)).toEqual(['Skolan', 'Trygghet']);
    } finally {
      stop();
    }
  });

  it('shows the initial value and reports not loaded before the first result', () => {
    const repos = freshRepositories();
    const query = new LiveQuery(() => repos.dialogues.list('local'), []);
    expect(query.current).toEqual([]);
    expect(query.loaded).toBe(false);
  });
});
