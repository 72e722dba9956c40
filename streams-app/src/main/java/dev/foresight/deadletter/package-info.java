/**
 * Dead letters: the record that replaces a rejected input ({@link dev.foresight.deadletter.DeadLetters}),
 * the split of checked records into valid values and dead letters ({@link dev.foresight.deadletter.DeadLetterSplit}),
 * and Kafka Streams' exception handlers, which turn a record that fails in deserialization, in any
 * processor or in production into a dead letter ({@link dev.foresight.deadletter.DeadLetterHandlers}).
 */
package dev.foresight.deadletter;
