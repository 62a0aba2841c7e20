/** A value for a message: JSON-quoted, at most 100 characters of it (the rest counted, never echoed). */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length <= 100 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 100))}... (${text.length} characters)`;
}
