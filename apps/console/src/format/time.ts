/** A moment for people, in their locale and time zone (`3 Dec 2026, 14:05`), or "never". */
export function when(at: number | string | undefined): string {
  if (at === undefined || at === '') return 'never';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
