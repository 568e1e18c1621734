/** A database timestamp as the API's ISO 8601 string; null stays null. */
export function iso(date: Date | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null;
}
