/**
 * Discovery (SPEC 10): the HTTP {@link io.ccoin.net.discovery.DiscoveryService} where nodes
 * register, and the {@link io.ccoin.net.discovery.DiscoveryClient} a node uses to register and find
 * peers. Requests are signed {@link io.ccoin.net.discovery.PeerRegistration}s; answers are
 * {@link io.ccoin.net.discovery.PeerInfo}s.
 */
package io.ccoin.net.discovery;
