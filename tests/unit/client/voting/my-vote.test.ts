/** Where a participant's vote stands, and that the phone remembers having voted. */
import { describe, expect, it } from 'vitest';
import type { Vote } from '../../../../src/shared/domain/vote.ts';
import { hasVoted, voteStanding } from '../../../../src/client/features/participate/my-vote.ts';
import { freshRepositories } from '../../helpers/db.ts';

function vote(id: string, hlc: string): Vote {
  return {
    id,
    tenantId: 't',
    dialogueId: 'd',
    participantKey: 'k',
    dots: { a: 1 },
    channel: 'phone',
    createdAt: '2026-01-01T00:00:00.000Z',
    hlc,
  };
}

describe('vote standing', () => {
  it('is none without a vote, waiting while in the outbox, delivered once out of it', () => {
    expect(voteStanding([], new Map())).toEqual({ kind: 'none' });
    const v = vote('v1', '001');
    expect(voteStanding([v], new Map([['v1', null]])).kind).toBe('waiting');
    expect(voteStanding([v], new Map()).kind).toBe('delivered');
    expect(hasVoted(voteStanding([v], new Map([['v1', null]])))).toBe(true);
  });

  it('says why a refused vote did not count, and lets the participant vote again', () => {
    const standing = voteStanding([vote('v1', '001')], new Map([['v1', { code: 'voting_closed' }]]));
    expect(standing).toMatchObject({ kind: 'refused', code: 'voting_closed' });
    expect(hasVoted(standing)).toBe(false);
  });

  it('goes by the newest vote: a second after a refused first counts', () => {
    const pending = new Map([['v1', { code: 'too_many_dots' }]]);
    const standing = voteStanding([vote('v2', '002'), vote('v1', '001')], pending);
    expect(standing).toMatchObject({ kind: 'delivered', vote: { id: 'v2' } });
  });
});

describe('participation: voted', () => {
  it('stores when the participant voted, and refuses a dialogue the phone has not joined', async () => {
    const repos = freshRepositories();
    await repos.db.participations.add({
      dialogueId: 'd1',
      tenantId: 't',
      municipalityName: 'Borlänge',
      code: 'ACDEFH',
      receipt: 'ACDEFHJKMN',
      participantKey: 'k',
      joinedAt: '2026-01-01T00:00:00.000Z',
    });
    await repos.participations.markVoted('d1', '2026-01-02T10:00:00.000Z');
    expect((await repos.participations.get('d1'))?.votedAt).toBe('2026-01-02T10:00:00.000Z');
    await expect(repos.participations.markVoted('other')).rejects.toThrow(/not joined/);
  });
});
