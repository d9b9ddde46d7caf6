/**
 * The node's JSON HTTP API (SPEC 11): {@link io.ccoin.node.http.ApiServer} serves every
 * {@code /api/v1} endpoint and the Prometheus {@code /metrics} of a
 * {@link io.ccoin.core.CcoinNode}; {@link io.ccoin.node.http.NetworkView} is what it needs from the
 * peer-to-peer layer, {@link io.ccoin.node.http.Wallet} the node's own account and API token, {@link io.ccoin.node.http.NodeMetrics} the metrics.
 * The endpoints are documented in {@code docs/API.md}.
 */
package io.ccoin.node.http;
