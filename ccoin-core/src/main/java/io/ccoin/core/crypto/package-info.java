/**
 * ccoin's cryptography (SPEC 2 and 12): {@link io.ccoin.core.crypto.Sha256} hashing, canonical
 * RSA-2048 {@link io.ccoin.core.crypto.PublicKeys public keys} and their addresses,
 * {@link io.ccoin.core.crypto.Domain domain-tagged} SHA256withRSA
 * {@link io.ccoin.core.crypto.Signatures signatures}, {@link io.ccoin.core.crypto.AccountKey account
 * keys}, and the passphrase-encrypted {@link io.ccoin.core.crypto.Keystore keystore}.
 *
 * <p>Signing functions take already-encoded messages; building those messages (the canonical
 * msgpack of a transaction or header) belongs to the encoding code.
 */
package io.ccoin.core.crypto;
