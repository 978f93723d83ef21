/**
 * Real-time events: where the events that {@code POST /events} accepted go (a Pub/Sub topic in the
 * cloud; the store and a JSON Lines file beside it locally), and the Pub/Sub push handler that adds
 * them to customers' profiles at most once per message. See docs/events.md, "Real-time events".
 */
package dev.alike.realtime;
