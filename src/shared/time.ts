/** A day in milliseconds: due dates, grace periods and ages in days are counted with it. */
export const DAY_MS = 24 * 60 * 60 * 1000
