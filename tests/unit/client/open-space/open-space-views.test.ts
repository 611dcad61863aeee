import { describe, expect, it } from 'vitest';
import { gridOf, placeOf } from '../../../../src/client/features/open-space/grid.ts';
import { actionsCsv, sessionsOf } from '../../../../src/client/features/open-space/proceedings.ts';
import { openSpaceScreen } from '../../../../src/client/features/open-space/open-space-routes.ts';
import { parseRoute } from '../../../../src/client/routes.ts';
import type { OpenSpaceAction, OpenSpaceTopic } from '../../../../src/shared/domain/open-space.ts';

const EVENT = {
  rooms: [
    { id: 'r1', name: 'Sal A' },
    { id: 'r2', name: 'Sal B' },
  ],
  slots: [
    { id: 's1', name: '13.00' },
    { id: 's2', name: '14.00' },
  ],
};

const topic = (id: string, roomId: string | null, slotId: string | null, hlc = id): OpenSpaceTopic => ({
  id,
  tenantId: 't',
  eventId: 'e',
  title: `Ämne ${id}`,
  convener: '',
  description: '',
  roomId,
  slotId,
  participants: null,
  notes: `Anteckningar ${id}`,
  keyPoints: '',
  recommendations: '',
  createdAt: '',
  hlc,
});

describe('the Open Space grid', () => {
  it('shows both topics of a cell two tablets filled offline, as a clash', () => {
    const grid = gridOf(EVENT, [topic('b', 'r1', 's1'), topic('a', 'r1', 's1'), topic('c', 'r2', 's2')]);
    expect(grid.rows[0]!.cells[0]!.topics.map((t) => t.id)).toEqual(['a', 'b']);
    expect(grid.clashes).toHaveLength(1);
    expect(grid.clashes[0]!.room.name).toBe('Sal A');
    expect(grid.rows[1]!.cells[1]!.topics.map((t) => t.id)).toEqual(['c']);
  });

  it('keeps a topic whose room was removed on the marketplace, never out of sight', () => {
    const grid = gridOf(EVENT, [topic('a', 'gone', 's1'), topic('b', null, null)]);
    expect(grid.marketplace.map((t) => t.id)).toEqual(['a', 'b']);
    expect(placeOf(EVENT, topic('x', 'r2', 's1'))).toEqual({ room: 'Sal B', slot: '13.00' });
    expect(placeOf(EVENT, topic('x', 'gone', 's1'))).toBeNull();
  });
});

describe('the proceedings', () => {
  it('lists the sessions slot by slot, room by room, the unplaced last, each with its actions', () => {
    const actions = [{ id: 'x', topicId: 'late' } as OpenSpaceAction];
    const sessions = sessionsOf(
      EVENT,
      [
        topic('none', null, null, '0'),
        topic('late', 'r1', 's2'),
        topic('b13', 'r2', 's1'),
        topic('a13', 'r1', 's1'),
      ],
      actions,
    );
    expect(sessions.map((s) => s.topic.id)).toEqual(['a13', 'b13', 'late', 'none']);
    expect(sessions[2]!.actions).toEqual(actions);
    expect(sessions[3]).toMatchObject({ room: null, slot: null });
  });

  it('exports actions as CSV a spreadsheet reads safely, with dated follow-up in one cell', () => {
    const action: OpenSpaceAction = {
      id: 'x',
      tenantId: 't',
      eventId: 'e',
      topicId: 'a',
      recommendation: '=HYPERLINK("x")',
      title: 'Kvällsbuss, varje timme',
      ownerKind: 'committee',
      ownerName: 'Tekniska nämnden',
      dueDate: '2026-01-01',
      status: 'open',
      createdAt: '',
      hlc: '1',
    };
    const csv = actionsCsv(
      { title: 'Open Space', date: '2025-12-01' },
      [topic('a', null, null)],
      [action],
      new Map([['x', [{ date: '2026-02-01', author: 'Eva', text: 'Utreds' } as never]]]),
      {
        headers: ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11'],
        ownerKind: (k) => k,
        status: (s) => s,
        yesNo: (yes) => (yes ? 'ja' : 'nej'),
      },
      '2026-03-01',
    );
    expect(csv.startsWith('\uFEFFH1,H2')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"Kvällsbuss, varje timme"');
    expect(row).toContain(',ja,2026-02-01 Eva: Utreds');
  });
});

describe('Open Space paths', () => {
  it('leads every path under /open-space to the feature, and each to its screen', () => {
    expect(parseRoute('/open-space')).toEqual({ name: 'openSpace', path: '/open-space' });
    expect(parseRoute('/open-spacex')).toEqual({ name: 'notFound' });
    const id = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
    const topicId = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5c';
    expect(openSpaceScreen('/open-space')).toEqual({ name: 'list' });
    expect(openSpaceScreen('/open-space/new')).toEqual({ name: 'new' });
    expect(openSpaceScreen('/open-space/follow-up')).toEqual({ name: 'followUp' });
    expect(openSpaceScreen(`/open-space/${id}`)).toEqual({ name: 'event', id });
    expect(openSpaceScreen(`/open-space/${id}/wall`)).toEqual({ name: 'wall', id });
    expect(openSpaceScreen(`/open-space/${id}/proceedings`)).toEqual({ name: 'proceedings', id });
    expect(openSpaceScreen(`/open-space/${id}/topics/${topicId}`)).toEqual({ name: 'topic', id, topicId });
    expect(openSpaceScreen(`/open-space/${id}/other`)).toEqual({ name: 'notFound' });
  });
});
