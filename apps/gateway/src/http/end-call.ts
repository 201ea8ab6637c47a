import { type Call, endCall, isPalError } from '@pal/core';

/**
 * Ends the gateway's logical call once `settled` settles, as the router does for the calls it
 * makes itself (one `call-end` telemetry event: a success with its attempts, or the error). The
 * router leaves a call it was given (`requestCall`) to its owner, so a route ends it. Pass a
 * routed chat's promise, or a routed stream's `result()` (a hedge that served is named by the
 * router's `routing.answeredBy`, so the call ends as that target) (taken only after the stream's iteration
 * began, e.g. right after `openStream(stream)` is called: `result()` drains a stream nobody iterates).
 */
export function endCallWhen(
  call: Call,
  settled: Promise<{ attempts: readonly unknown[]; routing?: { answeredBy?: Call } }>,
): void {
  settled.then(
    (result) => {
      const answeredBy = result.routing?.answeredBy;
      endCall(call, { attempts: result.attempts.length, ...(answeredBy && { answeredBy }) });
    },
    (error: unknown) => endCall(call, isPalError(error) ? { error } : {}),
  );
}
