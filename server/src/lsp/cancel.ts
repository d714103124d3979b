/**
 * Waiting and cancelling in request handlers: the server answers a cancelled request with
 * RequestCancelled, and gives up work the client no longer wants between the steps of a request.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** The server gives up on a pull because the document changed: the client pulls again. */
export function documentChanged(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics will be pulled again.', { retriggerRequest: true });
}

/**
 * Lets the messages that arrived meanwhile be read ($/cancelRequest among them: two turns of the
 * event loop put a poll phase in between), then answers RequestCancelled if the client cancelled.
 */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  if (!token) return;
  await turn();
  await turn();
  if (token.isCancellationRequested) throw requestCancelled();
}
