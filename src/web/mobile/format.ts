/** 13912345678 → 139****5678 (usernames of residents are their phone numbers). */
export const maskPhone = (v: string): string => (/^1\d{10}$/.test(v) ? `${v.slice(0, 3)}****${v.slice(-4)}` : v);
