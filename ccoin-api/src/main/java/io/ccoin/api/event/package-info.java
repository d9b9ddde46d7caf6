/**
 * Events of the chain and the transaction pool, and their listener interfaces: one functional
 * interface per event, registered on ccoin-core's {@code CcoinNode} with or without an
 * {@link java.util.concurrent.Executor}, each registration returning a
 * {@link io.ccoin.api.event.Subscription} that removes it. Events are immutable values.
 */
package io.ccoin.api.event;
