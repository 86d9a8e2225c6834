// Scoring compares one probe with hundreds of candidates, and names repeat across records, so the
// costly steps (transliteration, Double Metaphone) are worth remembering per word or name. The
// memory is bounded by starting over when it is full: cheaper than tracking what was used last.
export function remember<R>(fn: (value: string) => R, max = 20_000): (value: string) => R {
  const seen = new Map<string, R>();
  return (value) => {
    let result = seen.get(value);
    if (result === undefined) {
      if (seen.size >= max) seen.clear();
      result = fn(value);
      seen.set(value, result);
    }
    return result;
  };
}
