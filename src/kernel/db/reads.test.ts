import { describe, expect, it } from 'vitest';
import { lagSeconds, parseLsn } from './reads.js';

/** The pure parts of the replica router (decision 050); the router itself runs against a real standby in reads.pair.test.ts. */
describe('WAL positions and lag', () => {
  it('orders LSNs as the WAL does', () => {
    expect(parseLsn('0/3001158')).toBe(0x3001158n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    for (const bad of ['', '0-1', '0/', 'G/1', '1/2/3', '123456789/0']) expect(parseLsn(bad)).toBeNull();
  });

  it('measures lag by when the primary was last seen where the standby is now', () => {
    const s = [
      { at: 1_000, lsn: 100n },
      { at: 2_000, lsn: 100n },
      { at: 3_000, lsn: 250n },
      { at: 4_000, lsn: 400n },
    ];
    // Caught up with the newest sample: no lag, whatever the standby's own estimate says (a long transaction).
    expect(lagSeconds(s, 400n, 4_500, 99)).toBe(0);
    expect(lagSeconds(s, 500n, 4_500, 99)).toBe(0);
    // Between samples: since the last one at or below its position.
    expect(lagSeconds(s, 300n, 4_500, 0)).toBe(1.5);
    expect(lagSeconds(s, 100n, 4_500, 0)).toBe(2.5);
    // Behind every sample: at least their span, or the standby's own estimate if larger.
    expect(lagSeconds(s, 50n, 4_500, 0)).toBe(3.5);
    expect(lagSeconds(s, 50n, 4_500, 60)).toBe(60);
    expect(lagSeconds([], 50n, 4_500, 7)).toBe(7);
  });
});
