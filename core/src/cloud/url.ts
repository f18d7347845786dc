/** `URL.canParse` is missing from the Workers types, so parsing goes through the constructor. */
export function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
