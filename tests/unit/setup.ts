// Unit tests run in Node with an in-memory IndexedDB (fake-indexeddb). Each test that opens a
// database makes its own factory (tests/unit/helpers/db.ts), so no test sees another's data.
import 'fake-indexeddb/auto';
