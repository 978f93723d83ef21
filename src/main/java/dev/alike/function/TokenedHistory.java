package dev.alike.function;

import dev.alike.serving.Queries;

/**
 * A parsed {@code /buy-again} or {@code /recently-viewed} request and the signed customer token
 * that came with it.
 *
 * @param token the token given with the request, or null ({@link CustomerTokens})
 */
record TokenedHistory(Queries.History query, String token) {}
