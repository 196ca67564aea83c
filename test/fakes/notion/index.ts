export { FakeApiError } from './errors.js';
export { notionHandlers } from './msw.js';
export { FAKE_BASE_URL, FAKE_TOKEN, NotionFake, type LoggedRequest, type NotionFakeOptions } from './server.js';
export { NotionFakeState, type FakeBlock, type FakePage, type FakeUser } from './state.js';
export { findTable, ui, type CellInput } from './ui.js';
export { VirtualClock } from './virtual-clock.js';
export { DEFAULT_SCHEMA, PEOPLE, seedWorkspace, type SeedOptions } from './workspace.js';
export type { RandomFaults } from './faults.js';
