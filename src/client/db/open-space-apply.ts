/**
 * How a synced record of the youth council's Open Space becomes what the views read
 * (sync-apply.ts calls these): events, topics (sessions), actions and follow-up comments. Each row
 * is its synced values over defaults (`asRow`); null for a tombstone.
 */
import type {
  OpenSpaceAction,
  OpenSpaceComment,
  OpenSpaceEvent,
  OpenSpaceTopic,
} from '../../shared/domain/open-space.ts';
import { POSTED_TOPIC } from '../../shared/domain/open-space.ts';
import type { DelaktigDatabase } from './database.ts';
import { asRow } from './record-values.ts';

export const OPEN_SPACE_MATERIALIZE = {
  openSpaceEvent: asRow<Omit<OpenSpaceEvent, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    title: '',
    theme: '',
    date: '',
    place: '',
    rooms: [],
    slots: [],
    youngPeople: null,
    politicians: null,
    officials: null,
    status: 'planned',
  }),
  openSpaceTopic: asRow<Omit<OpenSpaceTopic, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    eventId: '',
    title: '',
    convener: '',
    description: '',
    ...POSTED_TOPIC,
    // Empty: unknown (a topic from before the language was asked, or none chosen yet).
    notesLang: '',
  }),
  openSpaceAction: asRow<Omit<OpenSpaceAction, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    eventId: '',
    topicId: null,
    recommendation: '',
    title: '',
    ownerKind: 'official',
    ownerName: '',
    dueDate: '',
    status: 'open',
  }),
  openSpaceComment: asRow<Omit<OpenSpaceComment, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    actionId: '',
    eventId: '',
    text: '',
    date: '',
    author: '',
  }),
};

/** The table each of these entities is shown from. */
export function openSpaceTables(db: DelaktigDatabase) {
  return {
    openSpaceEvent: db.openSpaceEvents,
    openSpaceTopic: db.openSpaceTopics,
    openSpaceAction: db.openSpaceActions,
    openSpaceComment: db.openSpaceComments,
  };
}
