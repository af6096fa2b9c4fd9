// The operator's key for the Sources view: kept in this tab's sessionStorage
// only (gone when the tab closes, or at "Forget key"), never in localStorage,
// a cookie or the URL. Storage that is disabled or full just means the key is
// asked for again.
const STORAGE_KEY = "newsroom.operatorKey";

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled for this page
  }
}

export const operatorKey = {
  get(): string | null {
    try {
      const key = storage()?.getItem(STORAGE_KEY) ?? null;
      return key === null || key.trim() === "" ? null : key;
    } catch {
      return null;
    }
  },
  set(key: string): void {
    try {
      storage()?.setItem(STORAGE_KEY, key);
    } catch {
      // Not kept: asked for again on the next visit to the view.
    }
  },
  forget(): void {
    try {
      storage()?.removeItem(STORAGE_KEY);
    } catch {
      // nothing was kept
    }
  },
};
