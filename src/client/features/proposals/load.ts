/**
 * The proposals feature, loaded in two steps: the app shell imports only this module, so the list
 * of the feature's chunks to preload lives in this chunk, not in the first visit's bundle (35 bytes
 * gzipped there, and the first visit is at its budget). Precached like every chunk: opens offline.
 */
import type { Component } from 'svelte';
import type { ProposalRoute } from '../../routes.ts';

export const loadProposalScreens = (): Promise<{ default: Component<{ route: ProposalRoute }> }> =>
  import('./ProposalScreens.svelte');
