/** Where progress lives in localStorage: its own module so pages can look without loading the store. */
export const PROGRESS_KEY = "secrets-lab:progress";
