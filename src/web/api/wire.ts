/**
 * One contract for server and console (decision 034): the console's types are the modules' zod contracts as they
 * arrive over JSON, never hand-written copies. `Wire<z.infer<typeof C.X>>` (or `WireOf<typeof C.X>`) turns every
 * `Date` into its ISO string, recursively, keeping arrays, tuples, nullability and optional keys as they are, so a
 * field added to a contract reaches the pages as a typed field and one the pages mishandle is a type error.
 * Import contracts with `import type` only: no server code enters the bundle.
 */
import type { z } from 'zod';

/** A contract type as it arrives over JSON: dates become ISO strings; arrays and tuples keep their shape. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: Wire<T[K]> }
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The wire shape of a zod schema's output (what a route answers). */
export type WireOf<S extends z.ZodType> = Wire<z.output<S>>;

/** The body a form sends for a zod schema (its input, before defaults and coercion). */
export type BodyOf<S extends z.ZodType> = z.input<S>;

/**
 * Every value of a contract's union, as a runtime list for pickers (the console cannot import the server-side
 * constant): `everyOf<GridKind>()(['basic', …])` fails to compile when the list misses a value of the union.
 */
export const everyOf =
  <T extends string>() =>
  <const A extends readonly T[]>(list: A & ([T] extends [A[number]] ? unknown : 'misses a value of the union')): A =>
    list;
