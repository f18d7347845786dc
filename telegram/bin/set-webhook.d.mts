export declare const DEFAULT_API_ROOT: string;
export declare const ALLOWED_UPDATES: string[];
export declare function registerWebhook(options: {
  token: string;
  url: string;
  secret: string;
  apiRoot?: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}): Promise<void>;
