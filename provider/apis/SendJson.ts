import type { SendHooks, SignedGet } from "../transport/getJson";
import type { JsonResponse } from "../transport/httpClient";

/** Sends a signed GET and returns its parsed 2xx body, retrying as the call's policy says. */
export type SendJson = (request: SignedGet, hooks?: SendHooks) => Promise<JsonResponse>;
