/**
 * JMH benchmarks of ccoin. Build with {@code mvn -B package -pl ccoin-bench -am -DskipTests} and run
 * {@code java -jar ccoin-bench/target/benchmarks.jar}; docs/PERFORMANCE.md has the commands and the
 * figures. They use only the public API of the library modules (no {@code ...internal} package):
 * blocks are made by validator nodes ({@code ValidatorBlockBuilder}) and imported
 * or admitted through {@link io.ccoin.core.CcoinNode}.
 */
package io.ccoin.bench;
