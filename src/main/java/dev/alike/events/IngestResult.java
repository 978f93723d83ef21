package dev.alike.events;

import dev.alike.model.EventLog;

/**
 * The accepted events and the report on reading them.
 *
 * @param log accepted events, ids numbered in input order
 * @param report counts and rejection samples
 */
public record IngestResult(EventLog log, IngestReport report) {}
