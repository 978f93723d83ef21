package dev.alike.function;

import dev.alike.serving.Queries;

/**
 * A parsed {@code POST /rank} request and the signed customer token that came with it.
 *
 * @param token the token given with the request, or null ({@link CustomerTokens})
 */
record TokenedRank(Queries.Rank query, String token) {}
