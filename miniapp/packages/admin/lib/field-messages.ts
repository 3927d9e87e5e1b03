// Plain functions over a form's field messages (no Taro: the unit tests load them).

/** Field messages by path without `body.`: `title`, `fields.0.label`. */
type Messages = Record<string, string>;

/** Field messages without those of `keys` (and their parts); the same object when none is there. */
export function withoutFields(errors: Messages, keys: readonly string[]): Messages {
  const gone = (k: string) => keys.some((key) => k === key || k.startsWith(`${key}.`));
  if (!Object.keys(errors).some(gone)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !gone(k)));
}
