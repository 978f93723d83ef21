package dev.alike.function;

import dev.alike.serving.Queries;

/**
 * A parsed {@code /recommendations} request and the signed customer token that came with it.
 *
 * @param token the token given with the request, or null ({@link CustomerTokens})
 */
record TokenedQuery(Queries.Recommend query, String token) {}
