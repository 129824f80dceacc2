import type { DbOrTx } from '../../kernel/db/client.js';

export async function seedVolunteering(_db: DbOrTx): Promise<void> {}
