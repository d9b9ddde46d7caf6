/**
 * The messages of the peer-to-peer protocol (SPEC 9) and their strict canonical codecs: one record
 * per 3-character header, {@link io.ccoin.net.internal.protocol.MessageCodec} between them and
 * {@link io.ccoin.api.Frame}s, and the handshake's signing message. Every type here is an immutable
 * value and thread-safe.
 *
 * <p><b>Internal, not API.</b> It may change in any release.
 */
package io.ccoin.net.internal.protocol;
