package io.ccoin.bench;

import java.time.Duration;

/**
 * When each transaction of a run is due, as an offset from the start of the submission: at a
 * steady {@code rate}, or rising linearly from {@link #START_FRACTION} of it to all of it over
 * {@code ramp} first ({@code --ramp-up}), so that nodes whose JIT is still compiling are not
 * handed a backlog that outlives their warm-up.
 *
 * @param rate the target, transactions per second
 * @param rampNanos the length of the ramp, 0 for none
 */
record Schedule(double rate, long rampNanos) {
  /** The share of the target offered at the start of a ramp. */
  static final double START_FRACTION = 0.1;

  Schedule {
    if (!(rate > 0) || Double.isInfinite(rate) || rampNanos < 0) {
      throw new IllegalArgumentException("the rate must be positive and the ramp at least 0, got " + rate + " and " + rampNanos);
    }
  }

  /** {@code rate} from the start. */
  static Schedule steady(double rate) {
    return new Schedule(rate, 0);
  }

  /** Rising from a tenth of {@code rate} to {@code rate} over {@code ramp}, then {@code rate}. */
  static Schedule rampingUp(double rate, Duration ramp) {
    return new Schedule(rate, ramp.toNanos());
  }

  /** How many transactions are due within the ramp (all of them at the target: {@code rate × ramp × 0.55}). */
  double dueInRamp() {
    return rate * (rampNanos / 1e9) * (1 + START_FRACTION) / 2;
  }

  /** Transactions in a submission of {@code duration} (ramp included), at least one. */
  int total(Duration duration) {
    double seconds = duration.toNanos() / 1e9;
    double ramp = Math.min(rampNanos / 1e9, seconds);
    double count = ramp == rampNanos / 1e9 ? dueInRamp() + rate * (seconds - ramp) : countAt(ramp);
    return (int) Math.max(1, Math.round(count));
  }

  /** Transaction {@code i}'s due time, ns after the start: the inverse of the count offered so far. */
  long offsetNanos(int i) {
    if (rampNanos == 0 || i >= dueInRamp()) {
      double afterRamp = (i - (rampNanos == 0 ? 0 : dueInRamp())) / rate;
      return rampNanos + Math.round(afterRamp * 1e9);
    }
    // count(t) = rate × (f t + (1 - f) t² / (2 W)) within the ramp; solved for t.
    double w = rampNanos / 1e9;
    double a = rate * (1 - START_FRACTION) / (2 * w);
    double b = rate * START_FRACTION;
    double t = (-b + Math.sqrt(b * b + 4 * a * i)) / (2 * a);
    return Math.round(t * 1e9);
  }

  private double countAt(double seconds) {
    double w = rampNanos / 1e9;
    return rate * (START_FRACTION * seconds + (1 - START_FRACTION) * seconds * seconds / (2 * w));
  }

  /** The offered rate at {@code seconds} after the start, transactions per second. */
  double rateAt(double seconds) {
    double w = rampNanos / 1e9;
    return seconds >= w ? rate : rate * (START_FRACTION + (1 - START_FRACTION) * seconds / w);
  }
}
