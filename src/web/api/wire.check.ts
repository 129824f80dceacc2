/**
 * Type-level checks of `Wire` (type-checked by `tsc -p tsconfig.web.json`; nothing runs): a regression here is a
 * compile error, like a page that mishandles a contract field.
 */
import type { Wire } from './wire';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const is = <T extends true>(): T | undefined => undefined;

is<Equal<Wire<Date>, string>>();
is<Equal<Wire<Date | null>, string | null>>();
is<Equal<Wire<{ at: Date; n: number }>, { at: string; n: number }>>();
is<Equal<Wire<{ at?: Date | undefined }>, { at?: string | undefined }>>();
is<Equal<Wire<Date[]>, string[]>>();
is<Equal<Wire<[number, number]>, [number, number]>>();
is<Equal<Wire<[Date, { at: Date }]>, [string, { at: string }]>>();
is<Equal<Wire<readonly [number, Date]>, readonly [number, string]>>();
is<Equal<Wire<Record<'a' | 'b', Date>>, Record<'a' | 'b', string>>>();
is<Equal<Wire<{ items: { at: Date }[] }>, { items: { at: string }[] }>>();
is<Equal<Wire<'a' | 'b'>, 'a' | 'b'>>();

import { everyOf } from './wire';
type AB = 'a' | 'b';
everyOf<AB>()(['a', 'b']);
// @ts-expect-error a list that misses a value of the union does not compile
everyOf<AB>()(['a']);
