import { fuzzShard } from './fuzz.js';

// The fuzz suite in four shares (src/test/fuzz.ts), so two workers share the work.
fuzzShard(2, 4);
