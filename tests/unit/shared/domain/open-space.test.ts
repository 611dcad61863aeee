import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change } from '../../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import { applyChange, checkChange, type RecordState } from '../../../../src/shared/sync/merge.ts';
import { TextFieldDoc, yjsTextMerger } from '../../../../src/shared/sync/text-merge.ts';
import {
  ACTION_MACHINE,
  actionsToFollowUp,
  dueInPast,
  EVENT_MACHINE,
  isOverdue,
  recommendationLines,
  todayIn,
  type OpenSpaceAction,
} from '../../../../src/shared/domain/open-space.ts';
import { checkCommand } from '../../../../src/shared/domain/status-machine.ts';
import { STATUS_MACHINES } from '../../../../src/shared/domain/status-machines.ts';
import { ENTITY_DEFINITIONS } from '../../../../src/shared/sync/entities.ts';

const TOPIC = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
let n = 0;

function notesChange(update: string, ms: number, device: string): Change {
  n++;
  return {
    changeId: `0193a6b2-7c1d-7e2f-8a9b-${String(n).padStart(12, '0')}`,
    entity: 'openSpaceTopic',
    recordId: TOPIC,
    tenantId: 't1',
    fields: { notes: { y: update } },
    hlc: formatHlc({ ms, counter: 0 }, device),
    deviceId: device,
    userId: null,
  };
}

function replay(changes: readonly Change[]): RecordState | undefined {
  return changes.reduce<RecordState | undefined>((state, c) => {
    expect(checkChange(c, state)).toEqual({ ok: true });
    return applyChange(state, c, yjsTextMerger);
  }, undefined);
}

/** The order `order` (an infinite stream of numbers) shuffles `list` into, with some repeated. */
function arrival<T>(list: readonly T[], order: Iterator<number>, repeats: number): T[] {
  const rest = [...list];
  const out: T[] = [];
  while (rest.length > 0) out.push(rest.splice(order.next().value % rest.length, 1)[0]!);
  for (let i = 0; i < repeats; i++)
    out.splice(order.next().value % (out.length + 1), 0, list[order.next().value % list.length]!);
  return out;
}

describe('session notes merge', () => {
  it('keeps both sentences when two tablets write into the same paragraph at once', () => {
    const start = new TextFieldDoc();
    const first = start.replace('Vi pratade om fritidsgården och öppettiderna.')!;
    const a = new TextFieldDoc(first);
    const b = new TextFieldDoc(first);
    const fromA = a.replace('Vi pratade om fritidsgården [Anna: längre på fredagar] och öppettiderna.')!;
    const fromB = b.replace('Vi pratade om fritidsgården och [Bo: fler vuxna] öppettiderna.')!;
    const one = replay([notesChange(first, 1, 'x'), notesChange(fromA, 2, 'a'), notesChange(fromB, 3, 'b')]);
    const two = replay([notesChange(fromB, 3, 'b'), notesChange(fromA, 2, 'a'), notesChange(first, 1, 'x')]);
    expect(one?.values.notes).toBe(two?.values.notes);
    expect(one?.values.notes).toContain('[Anna: längre på fredagar]');
    expect(one?.values.notes).toContain('[Bo: fler vuxna]');
  });

  it("keeps every tablet's sentence and is the same on every device, whatever the arrival order (property)", () => {
    const paragraph = fc.stringMatching(/^[a-zåäö ]{0,40}$/);
    fc.assert(
      fc.property(
        paragraph,
        // Each tablet inserts its sentence somewhere in the paragraph, as it was when they went offline.
        fc.array(fc.nat(), { minLength: 2, maxLength: 5 }),
        // One tablet may also delete part of the paragraph meanwhile.
        fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
        fc.infiniteStream(fc.nat()),
        fc.infiniteStream(fc.nat()),
        (base, positions, deletion, orderA, orderB) => {
          const start = new TextFieldDoc().replace(base);
          const baseChange = start === null ? [] : [notesChange(start, 1, 'start')];
          const sentences = positions.map((_, i) => `[tablet ${i} says ${'x'.repeat(i)}]`);
          const edits = positions.map((position, i) => {
            const doc = new TextFieldDoc(start ?? undefined);
            const at = position % (base.length + 1);
            return notesChange(
              doc.replace(base.slice(0, at) + sentences[i] + base.slice(at))!,
              10 + i,
              `tablet-${i}`,
            );
          });
          if (deletion && base.length > 0) {
            const from = deletion[0] % base.length;
            const to = from + 1 + (deletion[1] % (base.length - from));
            const doc = new TextFieldDoc(start ?? undefined);
            const update = doc.replace(base.slice(0, from) + base.slice(to));
            if (update) edits.push(notesChange(update, 5, 'deleter'));
          }
          const all = [...baseChange, ...edits];
          const devices = [
            all,
            arrival(all, orderA[Symbol.iterator](), 2),
            arrival(all, orderB[Symbol.iterator](), 3),
          ];
          const results = devices.map((changes) => replay(changes)?.values.notes);
          expect(new Set(results).size).toBe(1);
          for (const sentence of sentences) expect(results[0]).toContain(sentence);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Open Space rules', () => {
  const action = (over: Partial<OpenSpaceAction>): OpenSpaceAction => ({
    id: 'a',
    tenantId: 't',
    eventId: 'e1',
    topicId: null,
    recommendation: '',
    title: 'Längre öppettider',
    ownerKind: 'official',
    ownerName: 'Fritidschefen',
    dueDate: '2026-06-01',
    status: 'open',
    createdAt: '2026-01-01T00:00:00.000Z',
    hlc: '1',
    ...over,
  });

  it('flags a pending action past its due date as overdue, and a done one never', () => {
    expect(isOverdue(action({}), '2026-06-02')).toBe(true);
    expect(isOverdue(action({}), '2026-06-01')).toBe(false);
    expect(isOverdue(action({ status: 'inProgress' }), '2026-07-01')).toBe(true);
    expect(isOverdue(action({ status: 'done' }), '2026-07-01')).toBe(false);
    expect(isOverdue(action({ status: 'dropped' }), '2026-07-01')).toBe(false);
    expect(dueInPast('2026-01-01', '2026-01-02')).toBe(true);
    expect(dueInPast('2026-01-02', '2026-01-02')).toBe(false);
  });

  it('lists the pending actions of earlier events for the next one, not its own nor later ones', () => {
    const events = [
      { id: 'e1', date: '2026-02-01', hlc: '1' },
      { id: 'e2', date: '2026-05-01', hlc: '2' },
      { id: 'e3', date: '2026-09-01', hlc: '3' },
    ];
    const actions = [
      action({ id: 'open-1', eventId: 'e1', dueDate: '2026-04-01' }),
      action({ id: 'done-1', eventId: 'e1', status: 'done' }),
      action({ id: 'going-1', eventId: 'e1', status: 'inProgress', dueDate: '2026-03-01' }),
      action({ id: 'own', eventId: 'e2' }),
      action({ id: 'later', eventId: 'e3' }),
    ];
    expect(actionsToFollowUp(events[1]!, events, actions).map((a) => a.id)).toEqual(['going-1', 'open-1']);
    expect(actionsToFollowUp(events[0]!, events, actions)).toEqual([]);
  });

  it('makes one action candidate per recommendation line, without list marks', () => {
    expect(recommendationLines('- Längre öppet\n\n2) Fler vuxna\n  • Gratis buss  \n')).toEqual([
      'Längre öppet',
      'Fler vuxna',
      'Gratis buss',
    ]);
  });

  it('gives the date in the municipality, not in UTC', () => {
    expect(todayIn('Europe/Stockholm', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });

  it('moves events and actions only by their commands, and only for the roles that answer for them', () => {
    expect(STATUS_MACHINES.openSpaceEvent).toBe(EVENT_MACHINE);
    expect(STATUS_MACHINES.openSpaceAction).toBe(ACTION_MACHINE);
    expect(checkCommand(EVENT_MACHINE, 'start', 'planned', 'youthCouncil')).toEqual({
      ok: true,
      to: 'running',
    });
    expect(checkCommand(EVENT_MACHINE, 'close', 'planned', 'youthCouncil').ok).toBe(false);
    expect(checkCommand(ACTION_MACHINE, 'finish', 'inProgress', 'official')).toEqual({
      ok: true,
      to: 'done',
    });
    expect(checkCommand(ACTION_MACHINE, 'finish', 'open', 'youthCouncil')).toEqual({
      ok: false,
      code: 'role_may_not',
    });
    expect(checkCommand(ACTION_MACHINE, 'reopen', 'open', 'official')).toEqual({
      ok: false,
      code: 'not_allowed_now',
    });
  });

  it("lets the council's tablets write notes but not move actions, and nobody edit a comment", () => {
    expect(ENTITY_DEFINITIONS.openSpaceTopic.update).toContain('youthCouncil');
    expect(ENTITY_DEFINITIONS.openSpaceTopic.fields.notes).toBe('text');
    expect(ENTITY_DEFINITIONS.openSpaceAction.update).not.toContain('youthCouncil');
    expect(ENTITY_DEFINITIONS.openSpaceAction.create).toContain('youthCouncil');
    expect(ENTITY_DEFINITIONS.openSpaceComment.appendOnly).toBe(true);
    expect(ENTITY_DEFINITIONS.openSpaceEvent.create).not.toContain('official');
  });
});
