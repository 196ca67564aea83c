import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileBlobs } from '../providers/local/file-blobs.js';
import { sqlBlobs } from './sql-blobs.js';
import { openSqliteDatabase, sqliteDriver } from './sqlite.js';
import { describeTextBlobs } from '../../../test/contracts/text-blobs.js';

describeTextBlobs('files (Node)', async () => fileBlobs(join(mkdtempSync(join(tmpdir(), 'blobs-')), 'documents')));
describeTextBlobs('SQLite', async () => sqlBlobs(sqliteDriver(openSqliteDatabase(':memory:'))));
