package dev.alike.function;

/**
 * A parsed list request with what came beside its query: the signed customer token and the
 * anonymous session id, read in the same pass over the request.
 *
 * @param token the token given with the request, or null ({@link CustomerTokens})
 * @param session the anonymous visitor's {@code session}, or null (recorded with the answer as its
 *     customer when the request names none)
 */
record Parsed<Q>(Q query, String token, String session) {}
