import type { AdminApi } from './api';

/** What every view gets from the shell. */
export interface ViewContext {
  readonly api: AdminApi;
  /** Goes to a route (`#/users/…`); the shell renders it. */
  readonly navigate: (hash: string) => void;
  /** Tells screen-reader users (and everyone, briefly) what just happened. */
  readonly announce: (message: string) => void;
}
