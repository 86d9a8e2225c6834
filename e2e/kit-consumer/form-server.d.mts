export declare const PROTECTIONS: readonly string[];
export declare function createFormServer(options?: { off?: string[] }): {
  listen: (port?: number) => Promise<string>;
  close: () => Promise<void>;
  count: () => number;
  effects: () => number;
};
