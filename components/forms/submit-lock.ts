// The lock that lets one submit through until the server has answered. A ref-like object set
// synchronously in the submit handler: React state would be seen one render too late, and a second
// click, Enter key or requestSubmit() in the same task would pass.
export interface SubmitLock {
  /** True for the first caller; false for every other until `release`. */
  take(): boolean;
  release(): void;
  readonly held: boolean;
}

export function createSubmitLock(): SubmitLock {
  let held = false;
  return {
    take() {
      if (held) return false;
      held = true;
      return true;
    },
    release() {
      held = false;
    },
    get held() {
      return held;
    },
  };
}
