import { matrixShard } from './authz-matrix.js';

// The authorization matrix in three shares (src/test/authz-matrix.ts), so the workers share the work.
matrixShard(1, 3);
