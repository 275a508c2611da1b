/** Largest logo accepted (bytes): it is kept in the database and drawn on every PDF. */
export const LOGO_MAX_BYTES = 1_000_000
