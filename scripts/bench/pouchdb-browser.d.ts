// pouchdb-browser ships no types: the little the browser benchmark uses is typed in browser-sync-page.ts.
declare module 'pouchdb-browser' {
  const PouchDB: unknown;
  export default PouchDB;
}
