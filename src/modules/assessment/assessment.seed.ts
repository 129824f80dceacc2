import type { DbOrTx } from '../../kernel/db/client.js';

export async function seedAssessment(_db: DbOrTx): Promise<void> {}
