/** The Open Space's screens and the paths under /open-space that lead to them. Pure: unit-tested. */
export type OpenSpaceScreen =
  | { readonly name: 'list' }
  | { readonly name: 'new' }
  | { readonly name: 'followUp' }
  | { readonly name: 'event'; readonly id: string }
  | { readonly name: 'wall'; readonly id: string }
  | { readonly name: 'proceedings'; readonly id: string }
  | { readonly name: 'topic'; readonly id: string; readonly topicId: string }
  | { readonly name: 'notFound' };

const UUID = '[0-9a-f-]{36}';
const EVENT = new RegExp(`^/open-space/(${UUID})(?:/(wall|proceedings)|/topics/(${UUID}))?$`);

export function openSpaceScreen(path: string): OpenSpaceScreen {
  if (path === '/open-space' || path === '/open-space/') return { name: 'list' };
  if (path === '/open-space/new') return { name: 'new' };
  if (path === '/open-space/follow-up') return { name: 'followUp' };
  const match = EVENT.exec(path);
  if (!match?.[1]) return { name: 'notFound' };
  if (match[3]) return { name: 'topic', id: match[1], topicId: match[3] };
  if (match[2] === 'wall' || match[2] === 'proceedings') return { name: match[2], id: match[1] };
  return { name: 'event', id: match[1] };
}
