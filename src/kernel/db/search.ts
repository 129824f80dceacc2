/** Escapes LIKE wildcards so a search box's text matches literally (`ilike(col, `%${escapeLike(q)}%`)`). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
