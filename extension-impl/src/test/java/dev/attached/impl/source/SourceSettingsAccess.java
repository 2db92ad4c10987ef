package dev.attached.impl.source;

import java.time.Duration;

/** Lets tests outside the package read the dynamic sources' settings as the provider reads them. */
public final class SourceSettingsAccess {

    private SourceSettingsAccess() {
    }

    public static Duration poll() {
        return AttachedConfigSources.poll();
    }
}
