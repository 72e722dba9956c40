package dev.foresight.serde;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs Avro's decoder limits before any test runs, as the app does when it starts. Avro reads them once, the
 * first time any record is built with a default string; without this, whichever test class happened to build one
 * before {@link AvroSerdes} was loaded decided for the whole JVM, and PoisonRecordTest's 2-billion-character
 * string was allocated (or not) depending on the order surefire found the classes in.
 */
public final class AvroLimitsFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        AvroDecoderLimits.install();
    }
}
