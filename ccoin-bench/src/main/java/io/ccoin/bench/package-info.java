/**
 * JMH benchmarks of ccoin. Build with {@code mvn -B package -pl ccoin-bench -am -DskipTests} and run
 * {@code java -jar ccoin-bench/target/benchmarks.jar}; docs/PERFORMANCE.md has the commands and the
 * figures.
 */
package io.ccoin.bench;
