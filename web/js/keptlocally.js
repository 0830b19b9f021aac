// What this browser keeps for one person between visits: drafts.js (text typed on a board and not
// sent) and outbox.js (changes sent and not yet acknowledged). Council laptops are shared, so each
// is kept under the person's account id and goes when they sign out, here or in another tab, or
// when someone else signs in (app.js).

/** The browser's localStorage, or null where it is disabled (reading the property itself can throw). */
export function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Every key in `storage` that starts with `prefix`. */
export function keysWith(storage, prefix) {
  const found = [];
  try {
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key && key.startsWith(prefix)) found.push(key);
    }
  } catch {
    // storage disabled (or null): nothing is kept
  }
  return found;
}

/** Removes every key starting with `prefix`, except those starting with `keep` when it is given. */
export function removeKeys(storage, prefix, keep = null) {
  for (const key of keysWith(storage, prefix)) {
    if (keep !== null && key.startsWith(keep)) continue;
    try {
      storage.removeItem(key);
    } catch {
      // storage disabled: there is nothing to remove
    }
  }
}
