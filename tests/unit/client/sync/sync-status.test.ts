/**
 * What the status bar says: the connection from the network and the last sync together (a wifi with
 * no route to the server is not "connected"), and how many changes and photos' images wait.
 */
import { describe, expect, it } from 'vitest';
import { acknowledge, pendingChanges, watchPendingCount } from '../../../../src/client/db/index.ts';
import {
  markPhotoRefused,
  markPhotoUploaded,
  retryPhotoUpload,
} from '../../../../src/client/db/photo-blobs.ts';
import { PhotoRepository } from '../../../../src/client/db/photo-repository.ts';
import { connectionOf, SyncStatus } from '../../../../src/client/sync/sync-status.svelte.ts';
import type { SyncErrorCode } from '../../../../src/client/sync/sync-status.svelte.ts';
import { freshRepositories } from '../../helpers/db.ts';
import { plainPng } from '../../helpers/images.ts';

const SINCE = '2026-05-04T08:15:00.000Z';
const DIALOGUE = '0193a6b2-0000-7000-8000-00000000d001';
const WRITER = { tenantId: 'borlange', userId: 'user-anna' } as const;

describe('the connection the status bar shows', () => {
  const cases: [boolean, SyncErrorCode | null, string | null, ReturnType<typeof connectionOf>][] = [
    [false, null, null, { state: 'offline' }],
    [false, 'unreachable', SINCE, { state: 'offline' }],
    [true, null, null, { state: 'online' }],
    [true, 'unreachable', SINCE, { state: 'unreachable', since: SINCE }],
    [true, 'server', SINCE, { state: 'unreachable', since: SINCE }],
    // The server answered these: it can be reached.
    [true, 'rateLimited', SINCE, { state: 'online' }],
    [true, 'signInAgain', SINCE, { state: 'online' }],
    [true, 'updateNeeded', SINCE, { state: 'online' }],
  ];
  it.each(cases)('network %s, last error %s: %j', (online, error, failingSince, expected) => {
    expect(connectionOf({ online, error, failingSince })).toEqual(expected);
  });

  it('says since when the server has not been reached, unchanged while retries fail, until one works', () => {
    const status = new SyncStatus();
    expect(connectionOf(status.current)).toEqual({ state: 'online' });
    status.begin();
    status.recordError('unreachable', SINCE);
    expect(connectionOf(status.current)).toEqual({ state: 'unreachable', since: SINCE });
    // Retries: syncing again and failing again (a 502 from a proxy) keep the first time.
    status.begin();
    expect(connectionOf(status.current)).toEqual({ state: 'unreachable', since: SINCE });
    status.recordError('server', '2026-05-04T08:20:00.000Z');
    expect(connectionOf(status.current)).toEqual({ state: 'unreachable', since: SINCE });
    status.recordSuccess('2026-05-04T08:30:00.000Z');
    expect(status.current).toMatchObject({ error: null, failingSince: null });
    expect(connectionOf(status.current)).toEqual({ state: 'online' });
    // A new failure starts a new "since".
    status.recordError('unreachable', '2026-05-04T09:00:00.000Z');
    expect(connectionOf(status.current)).toEqual({
      state: 'unreachable',
      since: '2026-05-04T09:00:00.000Z',
    });
  });
});

describe('what waits', () => {
  /** Follows watchPendingCount; `next()` resolves with the next pair of counts it reports. */
  function follow(repos: ReturnType<typeof freshRepositories>) {
    let latest: [number, number] = [-1, -1];
    let waiter: (() => void) | null = null;
    const stop = watchPendingCount(repos.db, (changes, photos) => {
      latest = [changes, photos];
      waiter?.();
    });
    return {
      stop,
      async settled(expected: [number, number]): Promise<void> {
        const deadline = Date.now() + 2000;
        while (latest[0] !== expected[0] || latest[1] !== expected[1]) {
          if (Date.now() > deadline)
            throw new Error(`Counts ${latest.join(', ')}, not ${expected.join(', ')}`);
          await new Promise<void>((done) => {
            waiter = done;
            setTimeout(done, 50);
          });
        }
      },
    };
  }

  it('counts photos whose images the server has neither confirmed nor refused, beside the changes', async () => {
    const repos = freshRepositories();
    const images = {
      describe: async () => ({ width: 40, height: 30, thumbnail: 'data:image/jpeg;base64,/9j/' }),
      toJpeg: () => Promise.reject(new Error('not needed')),
    };
    const photos = new PhotoRepository(repos.db, images);
    const counts = follow(repos);
    await counts.settled([0, 0]);

    const png = (n: number) => new Blob([plainPng([n, n, n])], { type: 'image/png' });
    const first = await photos.add(png(1), { dialogueId: DIALOGUE }, WRITER);
    const second = await photos.add(png(2), { dialogueId: DIALOGUE }, WRITER);
    await counts.settled([2, 2]);

    // The records reach the server: two images still wait, though no change does.
    const changes = await pendingChanges(repos.db);
    await acknowledge(
      repos.db,
      changes.map((c) => c.changeId),
    );
    await counts.settled([0, 2]);

    await markPhotoUploaded(repos.db, first.sha256, '2026-05-04T10:00:00.000Z');
    await counts.settled([0, 1]);
    // Refused: shown by the photo with "try again", not counted as on its way.
    await markPhotoRefused(repos.db, second.sha256, { code: 'not_an_image', message: 'No.' });
    await counts.settled([0, 0]);
    await retryPhotoUpload(repos.db, second.sha256);
    await counts.settled([0, 1]);
    counts.stop();
  });
});
