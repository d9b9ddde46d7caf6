package io.ccoin.bench;

import io.ccoin.core.crypto.Signatures;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Random;

/**
 * V, the yardstick of issue 16: how many RSA-2048 {@code SHA256withRSA} signatures the JDK verifies
 * per second on one thread, on this machine, now. The load generator measures it just before each
 * run (the same work as {@code AdmissionBenchmark.rawVerifyOneThread}), so that its figures can be
 * given as ratios that do not move with the machine.
 */
final class RawVerifyRate {
  private static final int MESSAGES = 64;

  private RawVerifyRate() {}

  /** Verifies for {@code warmup} (not counted), then for {@code measure}, and returns verifications per second. */
  static double measure(Duration warmup, Duration measure) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      KeyPair pair = g.generateKeyPair();
      Random random = new Random(16);
      byte[][] messages = new byte[MESSAGES][];
      byte[][] signatures = new byte[MESSAGES][];
      Signature signer = Signature.getInstance(Signatures.ALGORITHM);
      for (int i = 0; i < MESSAGES; i++) {
        messages[i] = new byte[200];
        random.nextBytes(messages[i]);
        signer.initSign(pair.getPrivate());
        signer.update(messages[i]);
        signatures[i] = signer.sign();
      }
      Signature verifier = Signature.getInstance(Signatures.ALGORITHM);
      verifyFor(verifier, pair, messages, signatures, warmup.toNanos());
      long start = System.nanoTime();
      long n = verifyFor(verifier, pair, messages, signatures, measure.toNanos());
      return n / ((System.nanoTime() - start) / 1e9);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot verify " + Signatures.ALGORITHM, e);
    }
  }

  /**
   * The rate {@code --rate-of-v} offers: {@code multiple × v} rounded to a whole transaction per
   * second, at least 1.
   *
   * @throws IllegalArgumentException when {@code multiple} or {@code v} is not a positive number
   */
  static double offeredRate(double multiple, double v) {
    if (!(multiple > 0) || !(v > 0) || Double.isInfinite(multiple) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("the multiple of V and V must be positive, got " + multiple + " and " + v);
    }
    return Math.max(1, Math.round(multiple * v));
  }

  private static long verifyFor(Signature verifier, KeyPair pair, byte[][] messages, byte[][] signatures, long nanos)
      throws GeneralSecurityException {
    long end = System.nanoTime() + nanos;
    long n = 0;
    do {
      for (int i = 0; i < MESSAGES; i++) {
        verifier.initVerify(pair.getPublic());
        verifier.update(messages[i]);
        if (!verifier.verify(signatures[i])) {
          throw new IllegalStateException("a signature did not verify");
        }
      }
      n += MESSAGES;
    } while (System.nanoTime() < end);
    return n;
  }
}
