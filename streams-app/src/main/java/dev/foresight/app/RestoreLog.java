package dev.foresight.app;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per store partition Kafka Streams rebuilt from its changelog: after a clean stop there should
 * be none, after a crash or a wiped task they say what it cost.
 */
final class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        // the end line says it all
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        // per batch would be noise
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        if (totalRestored > 0) {
            LOG.info("Restored {} records of store {} from {}", totalRestored, store, partition);
        }
    }
}
