/** Notion and Drive write one id with or without dashes, in either case: this is the form to compare and key by. */
export const idKey = (id: string): string => id.replace(/-/g, '').toLowerCase();

export const sameId = (a: string, b: string): boolean => idKey(a) === idKey(b);
