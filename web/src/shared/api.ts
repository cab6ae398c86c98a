// The one way the pages talk to the server: GraphQL at /graphql with the session's bearer token.
// Errors keep the contract's `extensions.code` and `extensions.field`, so a form can put each message
// next to the input it concerns.

export interface ApiErrorItem {
  message: string;
  code: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(readonly items: ApiErrorItem[]) {
    super(items.map((i) => i.message).join('; '));
  }

  get code(): string {
    return this.items[0]?.code ?? 'INTERNAL_SERVER_ERROR';
  }

  /**
   * Messages by input field, with the argument prefix (`supply.`, `input.`) dropped, e.g.
   * `{ quantity: 'quantity must be at least 1' }`; errors naming no field are under ''.
   */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const item of this.items) {
      const key = item.field ? item.field.slice(item.field.lastIndexOf('.') + 1) : '';
      out[key] = out[key] ? `${out[key]}; ${item.message}` : item.message;
    }
    return out;
  }
}

/** A message a person can act on, for any failure (network, server, or the API's own). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The server could not be reached. Check the connection and try again.';
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** Runs one operation; rejects with ApiError when the server answers with errors. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError([{ code: 'NETWORK', message: 'The server could not be reached. Check the connection and try again.' }]);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError([{ code: 'INTERNAL_SERVER_ERROR', message: `The server answered ${response.status} without a result. Try again.` }]);
  }
  if (body.errors?.length) {
    throw new ApiError(
      body.errors.map((e) => ({ message: e.message, code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR', field: e.extensions?.field })),
    );
  }
  if (!body.data) throw new ApiError([{ code: 'INTERNAL_SERVER_ERROR', message: 'The server answered without data. Try again.' }]);
  return body.data;
}

/**
 * Fetches `url` with the bearer token and hands the body to the browser as a file download (a plain
 * link cannot carry the Authorization header).
 */
export async function downloadWithToken(url: string, token: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError([{ code: 'NETWORK', message: 'The server could not be reached. Check the connection and try again.' }]);
  }
  if (!response.ok) {
    let items: ApiErrorItem[] = [{ code: 'INTERNAL_SERVER_ERROR', message: `The export failed (HTTP ${response.status}).` }];
    try {
      // The report endpoints answer `{ error: { code, message, field? } }`.
      const body = (await response.json()) as { error?: { code?: string; message?: string; field?: string } };
      if (body.error?.message) items = [{ message: body.error.message, code: body.error.code ?? 'INTERNAL_SERVER_ERROR', field: body.error.field }];
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(items);
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The messages of `errors` (from ApiError.byField) that no input on the form shows, joined. */
export function otherErrors(errors: Record<string, string>, shown: string[]): string | undefined {
  const rest = Object.entries(errors)
    .filter(([field]) => !shown.includes(field))
    .map(([, message]) => message);
  return rest.length ? rest.join('; ') : undefined;
}

/**
 * Posts one file as multipart/form-data (field `field`) with the bearer token; the answer's JSON, or
 * ApiError from the HTTP routes' `{ error: { code, message, field? } }` (413: the file is too large).
 */
export async function uploadFile<T>(url: string, field: string, file: Blob, token: string): Promise<T> {
  const form = new FormData();
  form.append(field, file);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError([{ code: 'NETWORK', message: 'The server could not be reached. Check the connection and try again.' }]);
  }
  let body: { error?: { code?: string; message?: string; field?: string } } & Record<string, unknown>;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ code: 'INTERNAL_SERVER_ERROR', message: `The upload failed (HTTP ${response.status}).` }]);
  }
  if (!response.ok) {
    if (response.status === 413) throw new ApiError([{ code: 'BAD_USER_INPUT', field, message: 'The file is too large (at most 10 MB).' }]);
    throw new ApiError([{ code: body.error?.code ?? 'INTERNAL_SERVER_ERROR', message: body.error?.message ?? `The upload failed (HTTP ${response.status}).`, field: body.error?.field }]);
  }
  return body as T;
}
